package com.subscriptiondevices.query.operations.web;

import com.subscriptiondevices.readmodel.operations.ProjectionStatus;
import com.subscriptiondevices.readmodel.operations.ProjectionStatusReader;
import com.subscriptiondevices.readmodel.operations.ReadModelRebuilder;
import com.subscriptiondevices.readmodel.operations.ReadModelVerifier;
import com.subscriptiondevices.readmodel.operations.Verification;
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
            summary = "Each read model: position, head, lag, live version, replaying, rate (events/s), ETA,"
                    + " latest rebuild")
    @GetMapping(path = "/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ProjectionStatus> projections() {
        return statuses.all();
    }

    @Operation(summary = "Rebuild a read model from the event store as a new version, then switch it in (202)")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping(path = "/admin/projections/{name}/rebuild")
    ResponseEntity<Void> rebuild(@PathVariable String name) {
        rebuilder.start(name);
        return ResponseEntity.accepted()
                .location(URI.create("/admin/projections"))
                .build();
    }

    @Operation(
            summary = "Verify a read model: replay the event store in memory through its projection and compare"
                    + " with the live tables (rows checked, rows differing, the first few differences)")
    @GetMapping(path = "/admin/projections/{name}/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    Verification verify(@PathVariable String name) {
        return verifier.verify(name);
    }
}
