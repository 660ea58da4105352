package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.ErrorCode;
import java.util.Collections;
import java.util.List;

/**
 * An error reduced to what the wire needs: its code and one line per problem, each with a code of
 * its own (V1 lists them item by item; V2 names them all in one message under {@code code}).
 */
public record ApiProblem(ErrorCode code, List<String> details, List<ErrorCode> detailCodes) {

    public ApiProblem {
        details = List.copyOf(details);
        detailCodes = List.copyOf(detailCodes);
        if (details.size() != detailCodes.size()) {
            throw new IllegalArgumentException("one code per detail");
        }
    }

    public ApiProblem(ErrorCode code, List<String> details) {
        this(code, details, Collections.nCopies(details.size(), code));
    }

    public static ApiProblem of(ErrorCode code, String detail) {
        return new ApiProblem(code, List.of(detail));
    }
}
