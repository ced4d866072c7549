package org.customerprofile.api.customer;

import java.util.UUID;

/**
 * Asks the read side which aggregate sequence number its customer document reflects ({@code -1} when it
 * has none yet). Writers use it to answer only once their write is readable.
 */
public record FetchCustomerVersion(UUID customerId) {
}
