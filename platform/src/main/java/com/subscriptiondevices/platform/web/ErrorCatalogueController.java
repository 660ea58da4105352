package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.ErrorCode;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The page every error's {@code reference} links to: each code, its status and what it means. */
@Hidden
@RestController
class ErrorCatalogueController {

    @GetMapping(path = "/docs/errors", produces = MediaType.TEXT_HTML_VALUE)
    String catalogue() {
        StringBuilder html = new StringBuilder(
                "<!doctype html><html><head><meta charset=\"utf-8\"><title>Error codes</title></head><body>"
                        + "<h1>Subscription Devices: error codes</h1><table><tr><th>code</th><th>status</th>"
                        + "<th>meaning</th></tr>");
        for (ErrorCode code : ErrorCode.values()) {
            html.append("<tr id=\"")
                    .append(code.name())
                    .append("\"><td>")
                    .append(code.name())
                    .append("</td><td>")
                    .append(ErrorStatuses.of(code).value())
                    .append("</td><td>")
                    .append(HtmlUtils.htmlEscape(code.title()))
                    .append("</td></tr>");
        }
        return html.append("</table></body></html>").toString();
    }
}
