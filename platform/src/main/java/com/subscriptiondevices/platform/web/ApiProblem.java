package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.ErrorCode;
import java.util.List;

/** An error reduced to what the wire needs: its code and one line per problem. */
public record ApiProblem(ErrorCode code, List<String> details) {

    public static ApiProblem of(ErrorCode code, String detail) {
        return new ApiProblem(code, List.of(detail));
    }
}
