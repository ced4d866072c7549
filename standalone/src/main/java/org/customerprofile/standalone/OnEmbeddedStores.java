package org.customerprofile.standalone;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code customers.embedded} is true, read through {@link EmbeddedStoreProperties} so its one
 * default applies (a condition runs before the properties bean exists).
 */
class OnEmbeddedStores implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment()).bindOrCreate("customers", EmbeddedStoreProperties.class).embedded();
    }
}
