package com.subscriptiondevices.query.operations.web;

import com.subscriptiondevices.platform.data.TransientFailures;
import com.subscriptiondevices.readmodel.operations.ProjectionStatus;
import com.subscriptiondevices.readmodel.operations.ProjectionStatusReader;
import com.subscriptiondevices.readmodel.operations.ReadModelRebuilder;
import com.subscriptiondevices.readmodel.operations.ReadModelVerifier;
import com.subscriptiondevices.readmodel.operations.Verification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators: where each read model stands, rebuilding one as a new version while reads and writes go
 * on, and verifying one against a replay of the event store.
 */
@RestController
@Tag(name = "Operations")
class ProjectionAdminController {

    private final ProjectionStatusReader statuses;
    private final ReadModelRebuilder rebuilder;
    private final ReadModelVerifier verifier;

    ProjectionAdminController(
            ProjectionStatusReader statuses, ReadModelRebuilder rebuilder, ReadModelVerifier verifier) {
        this.statuses = statuses;
        this.rebuilder = rebuilder;
        this.verifier = verifier;
    }

    @Operation(
            operationId = "listProjections",
            summary = "Each read model: position, head, lag, live version, replaying, rate (events/s), ETA,"
                    + " latest rebuild",
            description = "Where each read model stands: written with every command, its live version is always at"
                    + " the head of the event store; a rebuild fills a new version beside it. 'rebuild' is the latest"
                    + " rebuild (null when it was never rebuilt). Needs devices:admin.")
    @GetMapping(path = "/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ProjectionStatus> projections() {
        return statuses.all();
    }

    @Operation(
            operationId = "rebuildProjection",
            summary = "Rebuild a read model from the event store as a new version, then switch it in (202)",
            description = "Starts the rebuild and answers at once; its progress is the 'rebuild' member of"
                    + " GET /admin/projections. Reads and writes keep using the live version until the switch. Needs"
                    + " devices:admin.",
            responses = {
                @ApiResponse(
                        responseCode = "202",
                        description = "Started",
                        headers =
                                @Header(
                                        name = HttpHeaders.LOCATION,
                                        description = "Where to follow it: /admin/projections",
                                        required = true,
                                        schema = @Schema(type = "string", format = "uri-reference"))),
                @ApiResponse(responseCode = "404", description = "PROJECTION_NOT_FOUND: no read model of this name"),
                @ApiResponse(responseCode = "409", description = "REBUILD_IN_PROGRESS: one is running already")
            })
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping(path = "/admin/projections/{name}/rebuild")
    ResponseEntity<Void> rebuild(
            @Parameter(description = "The read model, e.g. device-projection or v1-device-projection") @PathVariable
                    String name) {
        rebuilder.start(name);
        return ResponseEntity.accepted()
                .location(URI.create("/admin/projections"))
                .build();
    }

    @Operation(
            operationId = "verifyProjection",
            summary = "Verify a read model against a replay of the event store",
            description = "Replays the event store in memory through the read model's projection, in one snapshot,"
                    + " and compares the result with the live tables: the rows checked, how many differ (missing,"
                    + " unexpected, or different), and the first few differences by table, key and column names"
                    + " (never their values). Operators run it after an incident. Needs devices:admin.",
            responses = {
                @ApiResponse(responseCode = "200", description = "What the comparison found"),
                @ApiResponse(responseCode = "404", description = "PROJECTION_NOT_FOUND: no read model of this name")
            })
    @GetMapping(path = "/admin/projections/{name}/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    Verification verify(
            @Parameter(description = "The read model, e.g. device-projection or v1-device-projection") @PathVariable
                    String name) {
        // a read, asked again when it meets a transient failure (a pooled connection the database broke)
        return TransientFailures.retried(() -> verifier.verify(name));
    }
}
