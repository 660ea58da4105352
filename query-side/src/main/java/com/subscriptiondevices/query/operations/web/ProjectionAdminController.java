package com.subscriptiondevices.query.operations.web;

import com.subscriptiondevices.query.operations.ProjectionRebuilder;
import com.subscriptiondevices.query.operations.ProjectionStatus;
import com.subscriptiondevices.query.operations.ProjectionStatusReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
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
            summary =
                    "Each read model: processor, position, head, lag, replaying, rate (events/s), ETA, latest rebuild")
    @GetMapping(path = "/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ProjectionStatus> projections() {
        return statuses.all();
    }

    @Operation(summary = "Rebuild a read model from the event store into shadow tables, then switch it in (202)")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping(path = "/admin/projections/{name}/rebuild")
    ResponseEntity<Void> rebuild(@PathVariable String name) {
        rebuilder.start(name);
        return ResponseEntity.accepted()
                .location(URI.create("/admin/projections"))
                .build();
    }
}
