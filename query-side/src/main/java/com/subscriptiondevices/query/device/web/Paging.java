package com.subscriptiondevices.query.device.web;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code offset}/{@code limit} paging of the V2 lists: the page asked for, and the answer's headers
 * ({@code X-Total-Count}, {@code X-Result-Count}, and a {@code Link} to the next page while more follow).
 */
record Paging(long offset, int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    static final String TOTAL_COUNT = "X-Total-Count";
    static final String RESULT_COUNT = "X-Result-Count";

    static final String OFFSET_MEANING = "How many results to skip (0 or more; default 0)";
    static final String LIMIT_MEANING =
            "At most this many results (1 to " + MAX_LIMIT + "; default " + DEFAULT_LIMIT + ")";

    /** The page asked for; every invalid parameter is named in one 400. */
    static Paging of(String offset, String limit) {
        List<String> problems = new ArrayList<>();
        OptionalLong skip = offset == null ? OptionalLong.of(0) : within(offset, 0, Long.MAX_VALUE);
        if (skip.isEmpty()) {
            problems.add("offset must be an integer of 0 or more");
        }
        OptionalLong size = limit == null ? OptionalLong.of(DEFAULT_LIMIT) : within(limit, 1, MAX_LIMIT);
        if (size.isEmpty()) {
            problems.add("limit must be an integer from 1 to " + MAX_LIMIT);
        }
        if (!problems.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_QUERY_PARAM, String.join("; ", problems) + ".");
        }
        return new Paging(skip.getAsLong(), (int) size.getAsLong());
    }

    private static OptionalLong within(String text, long min, long max) {
        try {
            long value = Long.parseLong(text.trim());
            return value >= min && value <= max ? OptionalLong.of(value) : OptionalLong.empty();
        } catch (NumberFormatException notAnInteger) {
            return OptionalLong.empty();
        }
    }

    /**
     * A 200 with the page's counts, and the next page's link (the same query, the next offset) while
     * more results follow this page.
     */
    <T> ResponseEntity<List<T>> answer(List<T> results, long total, UriComponentsBuilder query) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .header(TOTAL_COUNT, Long.toString(total))
                .header(RESULT_COUNT, Integer.toString(results.size()));
        long next = offset + results.size();
        if (!results.isEmpty() && next < total) {
            String link = query.replaceQueryParam("offset", next)
                    .replaceQueryParam("limit", limit)
                    .build()
                    .encode()
                    .toUriString();
            ok.header(HttpHeaders.LINK, "<" + link + ">; rel=\"next\"");
        }
        return ok.body(results);
    }
}
