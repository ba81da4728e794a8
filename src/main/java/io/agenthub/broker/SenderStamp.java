package io.agenthub.broker;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Stamps every message the broker accepts, whatever its protocol, with the user its sender's session logged in as
 * ({@link BrokerUsers#SENDER_PROPERTY}), overwriting any value the sender put there. Artemis's own
 * {@code populate-validated-user} does the same for core messages only: an AMQP message keeps no validated user,
 * and an AMQP sender could put the core property among its application properties, which a core consumer would
 * then read as the broker's word.
 */
final class SenderStamp implements ActiveMQServerMessagePlugin {

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue) {
        String sender = session.getValidatedUser();
        message.removeProperty(BrokerUsers.SENDER_PROPERTY);
        if (sender != null) {
            message.putStringProperty(BrokerUsers.SENDER_PROPERTY, sender);
        }
        message.reencode();
    }
}
