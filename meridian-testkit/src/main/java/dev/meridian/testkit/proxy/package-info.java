/**
 * A real local forward proxy for tests: HTTP CONNECT, HTTP absolute-form forwarding and SOCKS5,
 * each optionally behind credentials, recording every tunnel it opens.
 *
 * <p>Start one with {@link dev.meridian.testkit.proxy.LocalProxy#start(LocalProxy.Options)}, point a
 * client at {@link dev.meridian.testkit.proxy.LocalProxy#httpPort()} or
 * {@link dev.meridian.testkit.proxy.LocalProxy#socksPort()}, then assert on
 * {@link dev.meridian.testkit.proxy.LocalProxy#connections()} and
 * {@link dev.meridian.testkit.proxy.LocalProxy#authFailures()}.
 *
 * <p>Parameters and return values in this package are non-null unless their documentation says
 * they may be null.
 */
package dev.meridian.testkit.proxy;
