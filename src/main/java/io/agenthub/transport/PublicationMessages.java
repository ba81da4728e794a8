package io.agenthub.transport;

import io.agenthub.store.Publications;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsConstants;

/**
 * Turns a stored publication into the JMS message that carries it: the JSON body as text, sent to its own queue
 * (overriding the endpoint's), with its properties and a {@code HubPublicationId} by which a receiver keeps only the
 * first of a message sent again after a crash.
 */
public final class PublicationMessages {

    public void prepare(Exchange exchange, Publications.Publication publication) {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        publication.headers().forEach(message::setHeader);
        message.setHeader("HubPublicationId", publication.publicationId());
        message.setHeader(JmsConstants.JMS_DESTINATION_NAME, publication.destination());
        message.setBody(publication.body().toString());
    }
}
