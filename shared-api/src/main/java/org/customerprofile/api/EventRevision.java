package org.customerprofile.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The revision of an event's stored shape. Stored with every event written from now on; an event stored
 * under an earlier revision is read through an upcaster that turns it into this one (see
 * {@code docs/event-schema-evolution.md}). An event without this annotation is revision {@code null},
 * which is also how every event stored before an event got its first revision reads. Plain Java rather
 * than Axon's {@code @Revision}: the contract carries no Axon type but the routing annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventRevision {

    String value();
}
