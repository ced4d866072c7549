package org.customerprofile.web.request;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.api.*}: how the API treats what a client sends.
 *
 * @param unknownFields what a create or update does with fields a customer does not have: ignore them
 *                      (logged at debug) or reject the request with a 400 naming each one
 */
@ConfigurationProperties("customers.api")
@Validated
public record ApiProperties(@DefaultValue("ignore") @NotNull UnknownFields unknownFields) {

    public enum UnknownFields { IGNORE, REJECT }
}
