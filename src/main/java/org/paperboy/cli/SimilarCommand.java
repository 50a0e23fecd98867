package org.paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.paper.ArxivId;
import org.paperboy.search.SimilarPaper;
import org.paperboy.search.SimilarPapers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "similar", mixinStandardHelpOptions = true,
    description = "Lists the papers most like one paper: by meaning when it has a vector, else by words.")
final class SimilarCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Parameters(index = "0", paramLabel = "ARXIV_ID", description = "The paper, e.g. 2401.01234 or arXiv:2401.01234v2.")
  String id;

  @Option(names = "--limit", defaultValue = "10", description = "How many (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ArxivId arxivId = ArxivId.parse(id);
    try (Paperboy app = global.open()) {
      app.search().catchUp();
      SimilarPapers similar = app.search().similar(arxivId, limit);
      if (json) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("id", arxivId.value());
        root.put("basis", similar.basis().kind().label());
        ArrayNode hits = root.putArray("similar");
        for (SimilarPaper s : similar.papers()) SearchCommand.paperJson(hits.addObject(), s.paper()).put("similarity", s.similarity());
        System.out.println(mapper.writeValueAsString(root));
      } else {
        System.out.println(similar.basis().describe());
        for (SimilarPaper s : similar.papers()) {
          System.out.printf("%.3f  %s  %s%n", s.similarity(), s.paper().id(), s.paper().title());
        }
      }
    }
    return 0;
  }
}
