package org.customerprofile.command.upcasting;

import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.customerprofile.api.EventRevision;
import org.springframework.stereotype.Component;

/**
 * Tells Axon's serializers the revision to store with a payload: the contract's {@link EventRevision},
 * else Axon's own {@code @Revision} (for anything that is not part of the contract). Replaces the
 * auto-configured resolver, which knows only the latter.
 */
@Component
class EventRevisions implements RevisionResolver {

    private final RevisionResolver axonAnnotations = new AnnotationRevisionResolver();

    @Override
    public String revisionOf(Class<?> payloadType) {
        EventRevision revision = payloadType.getAnnotation(EventRevision.class);
        return revision != null ? revision.value() : axonAnnotations.revisionOf(payloadType);
    }
}
