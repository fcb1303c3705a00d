package io.progressivedialer.simulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/** Present only while no real Exotel account is configured ({@code dialer.exotel.base-url} empty). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnExpression("'${dialer.exotel.base-url:}'.isBlank()")
@interface ExotelStandIn {
}
