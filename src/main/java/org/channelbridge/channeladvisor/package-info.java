/**
 * The ChannelAdvisor REST client the flows call through beans.
 * <p>
 * {@link org.channelbridge.channeladvisor.ChannelAdvisorClient} is the facade; one instance serves every flow so
 * that its {@link org.channelbridge.channeladvisor.RequestBudget} really is the one per-profile limit. The client
 * retries nothing but a 401 (one token refresh, one retry) and waits for nothing but the budget; every other
 * failure is thrown at once as one of four exceptions, for the routes' {@code onException} clauses:
 * <ul>
 *   <li>{@link org.channelbridge.channeladvisor.ChannelAdvisorThrottledException} (429): redeliver with
 *       {@link org.channelbridge.channeladvisor.RetryAfterDelay} as {@code onExceptionOccurred}, exponential back-off
 *       with collision avoidance otherwise; shrink batches with
 *       {@link org.channelbridge.channeladvisor.AdaptiveBatchSize}.</li>
 *   <li>{@link org.channelbridge.channeladvisor.ChannelAdvisorUnavailableException} (5xx, 406, I/O, timeout):
 *       redeliver with exponential back-off, then dead-letter.</li>
 *   <li>{@link org.channelbridge.channeladvisor.ChannelAdvisorRejectedException} (other 4xx): dead-letter at once,
 *       with {@code caMessage()}.</li>
 *   <li>{@link org.channelbridge.channeladvisor.ChannelAdvisorAuthenticationException} (credentials refused):
 *       no redelivery and no dead letter for the item; stop the cycle and report it.</li>
 * </ul>
 */
package org.channelbridge.channeladvisor;
