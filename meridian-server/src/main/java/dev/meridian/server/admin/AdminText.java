package dev.meridian.server.admin;

/** An admin answer that is not JSON (a CSV report): written as it is, with its content type. */
record AdminText(String contentType, String body) {}
