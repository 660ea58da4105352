package com.subscriptiondevices.query.operations.web;

import com.subscriptiondevices.query.operations.ProjectionRebuilder;
import com.subscriptiondevices.query.operations.ProjectionStatus;
import com.subscriptiondevices.query.operations.ProjectionStatusReader;
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

/** Operators: where each read model stands, and rebuilding one from the event store while reads go on. */
@RestController
@Tag(name = "Operations")
class ProjectionAdminController {

    private final ProjectionStatusReader statuses;
    private final ProjectionRebuilder rebuilder;

    ProjectionAdminController(ProjectionStatusReader statuses, ProjectionRebuilder rebuilder) {
        this.statuses = statuses;
        this.rebuilder = rebuilder;
    }

    @Operation(
            operationId = "listProjections",
            summary =
                    "Each read model: processor, position, head, lag, replaying, rate (events/s), ETA, latest rebuild",
            description = "Where each read model stands against the head of the event store, and its latest"
                    + " rebuild (null when it was never rebuilt). Needs devices:admin.")
    @GetMapping(path = "/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ProjectionStatus> projections() {
        return statuses.all();
    }

    @Operation(
            operationId = "rebuildProjection",
            summary = "Rebuild a read model from the event store into shadow tables, then switch it in (202)",
            description = "Starts the rebuild and answers at once; its progress is the 'rebuild' member of"
                    + " GET /admin/projections. Reads keep using the live read model until the switch. Needs"
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
}
