package com.subscriptiondevices.command.operations.web;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.platform.axon.deadletter.DeadLetterQueues;
import com.subscriptiondevices.platform.axon.deadletter.DeadLetterView;
import com.subscriptiondevices.platform.axon.deadletter.RetryResult;
import com.subscriptiondevices.platform.data.TransientFailures;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators: the events an asynchronous consumer (the SIM replacement process, the hub's consumer) could
 * not handle for a reason other than a transient one, and the hub's deliveries given up, and retrying them. Needs {@code devices:admin}. They are served
 * by the process that runs the consumers: the command side.
 */
@RestController
@Tag(name = "Operations")
class DeadLetterController {

    private final DeadLetterQueues deadLetters;

    DeadLetterController(DeadLetterQueues deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Operation(
            operationId = "listDeadLetters",
            summary = "Events an asynchronous consumer could not handle",
            description = "Oldest first. Each letter names its processing group (the consumer, e.g. the SIM"
                    + " replacement process; hub-deliveries: the hub's deliveries given up after 24 h, whose"
                    + " sequence is <listener id>/<subscription id>), its sequence (for the process: the replacement request; later"
                    + " events of a sequence wait behind its first dead letter), the event, and why it failed;"
                    + " letters waiting behind another have no cause of their own. Transient failures of the"
                    + " database are retried by the consumer and never end up here. The payload is not shown."
                    + " Needs devices:admin.")
    @GetMapping(path = "/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
    List<DeadLetterView> list(
            @Parameter(description = "Only this processing group's letters, e.g. SimReplacementProcessProcessor")
                    @RequestParam(name = "processing_group", required = false)
                    String processingGroup) {
        // a read, asked again when it meets a transient failure (a pooled connection the database broke)
        if (!StringUtils.hasText(processingGroup)) {
            return TransientFailures.retried(() -> deadLetters.list(Optional.empty()));
        }
        if (!deadLetters.processingGroups().contains(processingGroup)) {
            throw new DomainException(
                    ErrorCode.INVALID_PARAMETER,
                    "processing_group must be one of " + String.join(", ", deadLetters.processingGroups()) + ".");
        }
        return TransientFailures.retried(() -> deadLetters.list(Optional.of(processingGroup)));
    }

    @Operation(
            operationId = "retryDeadLetter",
            summary = "Retry a dead letter",
            description = "Hands the letter's sequence, from its first letter on, to its consumer again. PROCESSED:"
                    + " the letter was handled and is gone. FAILED: it is still queued, and cause_type and"
                    + " cause_message say why its sequence still fails. Needs devices:admin.")
    @ApiResponse(responseCode = "200", description = "What the retry did: PROCESSED or FAILED")
    @ApiResponse(responseCode = "404", description = "No dead letter with this id (DEAD_LETTER_NOT_FOUND)")
    @PostMapping(path = "/admin/dead-letters/{id}/retry", produces = MediaType.APPLICATION_JSON_VALUE)
    RetryResult retry(@Parameter(description = "The dead letter's id") @PathVariable UUID id) {
        return deadLetters.retry(id.toString());
    }
}
