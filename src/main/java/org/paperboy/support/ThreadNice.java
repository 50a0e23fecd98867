package org.paperboy.support;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Lowers the calling thread's CPU priority. On Linux each thread has its own nice value, so a background
 * thread (embedding while pages are served, Lucene's merges) at {@link #BACKGROUND} gets only the CPU that
 * request threads leave idle, whatever the {@code Pacer} allows it. Where that is impossible (another OS,
 * no native access) it does nothing and says so by its result: the Pacer still bounds the share.
 */
public final class ThreadNice {
  /** nice 10: a tenth of a normal thread's weight when both want the CPU, all of it when nothing else does. */
  public static final int BACKGROUND = 10;

  private static final int PRIO_PROCESS = 0; // with a thread id, setpriority(2) sets that thread's nice alone
  private static final MethodHandle GETTID;
  private static final MethodHandle SETPRIORITY;

  static {
    MethodHandle gettid = null, setpriority = null;
    try {
      Linker linker = Linker.nativeLinker();
      var lookup = linker.defaultLookup();
      var g = lookup.find("gettid");
      var s = lookup.find("setpriority");
      if (g.isPresent() && s.isPresent()) {
        gettid = linker.downcallHandle(g.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
        setpriority = linker.downcallHandle(s.get(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
      }
    } catch (Throwable e) {
      // no native access: threads keep the process's priority
    }
    GETTID = gettid;
    SETPRIORITY = setpriority;
  }

  private ThreadNice() {}

  /** Sets the calling (platform) thread's nice to {@code nice}; true when the kernel took it. */
  public static boolean lower(int nice) {
    if (GETTID == null || SETPRIORITY == null) return false;
    try {
      int tid = (int) GETTID.invokeExact();
      return (int) SETPRIORITY.invokeExact(PRIO_PROCESS, tid, nice) == 0;
    } catch (Throwable e) {
      return false;
    }
  }
}
