package com.subscriptiondevices.api.error;

import java.util.List;

/** The V1 error body: {@code {"errors":[{"code","title","ref","details"}]}}, one item per problem. */
public record ErrorMessage(List<Item> errors) {

    public record Item(String code, String title, String ref, String details) {}
}
