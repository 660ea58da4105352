package com.subscriptiondevices.query.operations.web;

import static com.subscriptiondevices.platform.testing.EdgeAnswers.token;
import static com.subscriptiondevices.platform.testing.EdgeAnswers.v2Error;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.WebEdgeTest;
import com.subscriptiondevices.readmodel.operations.ProjectionStatusReader;
import com.subscriptiondevices.readmodel.operations.ReadModelRebuilder;
import com.subscriptiondevices.readmodel.operations.ReadModelVerifier;
import com.subscriptiondevices.readmodel.operations.Verification;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The read-model operator endpoints' status codes. */
@WebEdgeTest(ProjectionAdminController.class)
class ProjectionAdminControllerTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    DevTokens tokens;

    @MockitoBean
    ProjectionStatusReader statuses;

    @MockitoBean
    ReadModelRebuilder rebuilder;

    @MockitoBean
    ReadModelVerifier verifier;

    private String admin() {
        return token(tokens, "yoigo", Scopes.ADMIN);
    }

    @Test
    void shows_the_read_models_and_starts_a_rebuild_with_202() throws Exception {
        given(statuses.all()).willReturn(List.of());

        mvc.perform(get("/admin/projections").header("Authorization", admin())).andExpect(status().isOk());
        mvc.perform(post("/admin/projections/device-projection/rebuild").header("Authorization", admin()))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/admin/projections"));
    }

    @Test
    void an_unknown_read_model_is_404_and_a_running_rebuild_409() throws Exception {
        willThrow(new DomainException(ErrorCode.PROJECTION_NOT_FOUND, "No read model 'x'."))
                .given(rebuilder)
                .start("x");
        willThrow(new DomainException(ErrorCode.REBUILD_IN_PROGRESS, "A rebuild is running already."))
                .given(rebuilder)
                .start("device-projection");

        mvc.perform(post("/admin/projections/x/rebuild").header("Authorization", admin()))
                .andExpect(status().isNotFound())
                .andExpect(v2Error("PROJECTION_NOT_FOUND"));
        mvc.perform(post("/admin/projections/device-projection/rebuild").header("Authorization", admin()))
                .andExpect(status().isConflict())
                .andExpect(v2Error("REBUILD_IN_PROGRESS"));
    }

    @Test
    void verifies_a_read_model_with_200_and_an_unknown_one_is_404() throws Exception {
        given(verifier.verify("device-projection")).willReturn(new Verification("device-projection", 12, 0, List.of()));
        given(verifier.verify("x"))
                .willThrow(new DomainException(ErrorCode.PROJECTION_NOT_FOUND, "No read model 'x'."));

        mvc.perform(get("/admin/projections/device-projection/verify").header("Authorization", admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.checked").value(12))
                .andExpect(jsonPath("$.differing").value(0));
        mvc.perform(get("/admin/projections/x/verify").header("Authorization", admin()))
                .andExpect(status().isNotFound())
                .andExpect(v2Error("PROJECTION_NOT_FOUND"));
        mvc.perform(get("/admin/projections/device-projection/verify")
                        .header("Authorization", token(tokens, "yoigo", Scopes.READ)))
                .andExpect(status().isForbidden())
                .andExpect(v2Error("MISSING_PERMISSIONS"));
    }

    @Test
    void without_a_token_it_is_401() throws Exception {
        mvc.perform(get("/admin/projections"))
                .andExpect(status().isUnauthorized())
                .andExpect(v2Error("UNAUTHORIZED"));
    }
}
