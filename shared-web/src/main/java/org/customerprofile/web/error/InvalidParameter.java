package org.customerprofile.web.error;

/** One rejected input, named by its dotted JSON path or query parameter. */
public record InvalidParameter(String parameter, String reason) {
}
