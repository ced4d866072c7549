package org.customerprofile.command.idempotency;

import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Records a command's idempotency key inside the command's own transaction, before its handler runs:
 * the key commits with the events or not at all, and a second request with the key waits on the
 * primary key until the first commits, then fails instead of executing again.
 */
@Component
class IdempotencyRecorder implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final IdempotencyKeys keys;

    /** Axon's Spring auto-configuration registers handler interceptor beans with the command bus. */
    IdempotencyRecorder(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        MetaData metaData = unitOfWork.getMessage().getMetaData();
        if (metaData.get(IdempotencyKeys.KEY) instanceof String key) {
            keys.record(UUID.fromString((String) metaData.get("companyId")), key, (String) metaData.get(IdempotencyKeys.REQUEST_HASH),
                    UUID.fromString((String) metaData.get(IdempotencyKeys.CUSTOMER_ID)));
        }
        return chain.proceed();
    }
}
