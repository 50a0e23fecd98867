package org.paperboy.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.paperboy.schedule.ScheduleStatus;

/** The schedule's state as /health shows it: per job its cadence, last run, outcome and next run. */
final class ScheduleJson {
  private ScheduleJson() {}

  static ArrayNode of(List<ScheduleStatus> jobs) {
    ArrayNode out = ApiHandlers.JSON.createArrayNode();
    for (ScheduleStatus s : jobs) {
      ObjectNode job = out.addObject();
      job.put("job", s.job());
      job.put("cadence", s.cadence());
      put(job, "nextRun", s.nextRun());
      job.put("running", s.running());
      job.put("consecutiveFailures", s.consecutiveFailures());
      run(job, "lastRun", s.lastRun());
      run(job, "lastSuccess", s.lastSuccess());
    }
    return out;
  }

  private static void run(ObjectNode parent, String name, ScheduleStatus.Run run) {
    if (run == null) {
      parent.putNull(name);
      return;
    }
    ObjectNode node = parent.putObject(name);
    put(node, "startedAt", run.started());
    put(node, "finishedAt", run.finished());
    node.put("outcome", run.outcome().label());
    node.put("summary", run.summary());
  }

  private static void put(ObjectNode node, String name, Instant at) {
    if (at == null) node.putNull(name);
    else node.put(name, PaperJson.instant(at));
  }
}
