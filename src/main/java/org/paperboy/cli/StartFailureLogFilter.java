package org.paperboy.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Javalin logs "Failed to start Javalin" and then throws; {@code serve} turns what it throws into one
 * line of its own (the port is taken, say), so the log's copy would be a second line saying less.
 * Registered in {@code logback.xml}; every other message passes.
 */
public final class StartFailureLogFilter extends TurboFilter {
  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    boolean javalinStartFailure = level == Level.ERROR && "io.javalin.Javalin".equals(logger.getName())
        && format != null && format.startsWith("Failed to start Javalin");
    return javalinStartFailure ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
