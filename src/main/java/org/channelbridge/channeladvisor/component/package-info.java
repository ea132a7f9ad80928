/**
 * The {@code channeladvisor:} Camel component: {@code channeladvisor:<resource>[/<action>]?options}, documented in
 * {@code docs/channeladvisor-component.md}. It is a thin layer over
 * {@link org.channelbridge.channeladvisor.ChannelAdvisorClient}: the token, the shared request budget, paging and
 * {@code $batch} stay in the client, and so do the typed exceptions, which reach the route unchanged. This package
 * imports the client package and Camel, nothing above.
 */
package org.channelbridge.channeladvisor.component;
