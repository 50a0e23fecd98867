package org.paperboy.paper;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * arXiv's category taxonomy (https://arxiv.org/category_taxonomy), with the archives that stand alone
 * (hep-th) and those of old identifiers (chao-dyn): what a category name may be, whether or not this
 * instance holds a paper in it yet. A name outside it is a typo or a probe, answered as not found.
 */
public final class ArxivCategories {
  private static final Set<String> KNOWN = Stream.of(
          group("cs", "AI AR CC CE CG CL CR CV CY DB DC DL DM DS ET FL GL GR GT HC IR IT LG LO MA MM MS NA NE NI OH OS PF PL"
              + " RO SC SD SE SI SY"),
          group("econ", "EM GN TH"),
          group("eess", "AS IV SP SY"),
          group("math", "AC AG AP AT CA CO CT CV DG DS FA GM GN GR GT HO IT KT LO MG MP NA NT OA OC PR QA RA RT SG SP ST"),
          group("astro-ph", "CO EP GA HE IM SR"),
          group("cond-mat", "dis-nn mes-hall mtrl-sci other quant-gas soft stat-mech str-el supr-con"),
          group("nlin", "AO CD CG PS SI"),
          group("physics", "acc-ph ao-ph app-ph atm-clus atom-ph bio-ph chem-ph class-ph comp-ph data-an ed-ph flu-dyn gen-ph"
              + " geo-ph hist-ph ins-det med-ph optics plasm-ph pop-ph soc-ph space-ph"),
          group("q-bio", "BM CB GN MO NC OT PE QM SC TO"),
          group("q-fin", "CP EC GN MF PM PR RM ST TR"),
          group("stat", "AP CO ME ML OT TH"),
          Stream.of("astro-ph", "cond-mat", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math-ph", "nlin", "nucl-ex",
              "nucl-th", "physics", "quant-ph", "q-bio", "q-fin", "stat", "cs", "econ", "eess", "math"),
          Stream.of("acc-phys", "adap-org", "alg-geom", "ao-sci", "atom-ph", "bayes-an", "chao-dyn", "chem-ph", "cmp-lg",
              "comp-gas", "dg-ga", "funct-an", "mtrl-th", "patt-sol", "plasm-ph", "q-alg", "solv-int", "supr-con"))
      .flatMap(s -> s).collect(Collectors.toUnmodifiableSet());

  private ArxivCategories() {}

  /** Whether {@code name} (cs.CL, hep-th, cs) is one of arXiv's categories or archives. */
  public static boolean isKnown(String name) {
    return name != null && KNOWN.contains(name);
  }

  private static Stream<String> group(String archive, String subjects) {
    return Stream.of(subjects.split(" ")).map(s -> archive + "." + s);
  }
}
