package org.customerprofile.web.security;

import java.util.Map;
import java.util.UUID;

/**
 * The authenticated app making a request and the company it acts for: the only source of
 * {@code company_id} for commands, events and queries.
 */
public record Caller(UUID companyId, String appId, String requestId) {

    /** What every event caused by this request records about who and why. */
    public Map<String, String> auditMetaData() {
        return Map.of("companyId", companyId.toString(), "appId", appId, "requestId", requestId);
    }
}
