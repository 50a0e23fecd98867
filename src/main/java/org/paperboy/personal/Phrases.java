package org.paperboy.personal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Phrases a candidate shares with the papers a member kept: every run of {@value #LENGTH} words of a
 * paper's text (lower-cased, stop words kept, nothing stemmed), weighted by sublinear tf × idf² over
 * the candidates, as unit vectors with an inverted index. A new paper that repeats five words in a
 * row of a kept one (a method's full name, a task's exact wording, a sentence a group reuses from
 * paper to paper) is more likely its continuation than one that only shares its terms; the README's
 * "Measured on the recommend set" gives the figures. A phrase is stored as a 64-bit hash of its
 * words, so the vocabulary is a sorted array rather than a map of strings. Immutable and thread-safe.
 */
final class Phrases {
  /** Words in a phrase; 4 and 6 measured about as well, 3 (mostly common wording) less. */
  static final int LENGTH = 5;
  private static final double IDF_POWER = 2;

  /** A sparse unit vector over the phrases of the pool, ascending. */
  record Vector(int[] phrases, float[] weights) {
    static final Vector EMPTY = new Vector(new int[0], new float[0]);
  }

  private final long[] vocabulary;
  private final int papers;
  /** Postings of phrase t: candidates docs[start[t] … start[t + 1]) with their weights. */
  private final int[] start;
  private final int[] docs;
  private final float[] weights;
  private final ConcurrentHashMap<String, Vector> kept = new ConcurrentHashMap<>();

  Phrases(List<String> texts) {
    int n = texts.size();
    List<long[]> grams = new ArrayList<>(n);
    List<long[]> distinct = new ArrayList<>(n);
    int total = 0;
    for (String text : texts) {
      long[] g = hashes(text);
      grams.add(g);
      distinct.add(distinct(g.clone()));
      total += distinct.getLast().length;
    }
    // the vocabulary: every distinct phrase of the candidates, with how many candidates use it
    long[] all = new long[total];
    int fill = 0;
    for (long[] d : distinct) {
      System.arraycopy(d, 0, all, fill, d.length);
      fill += d.length;
    }
    Arrays.sort(all);
    int size = 0;
    int[] df = new int[all.length];
    for (int i = 0; i < all.length; i++) {
      if (size > 0 && all[size - 1] == all[i]) df[size - 1]++;
      else {
        all[size] = all[i];
        df[size++] = 1;
      }
    }
    vocabulary = Arrays.copyOf(all, size);
    papers = n;
    start = new int[size + 1];
    for (int t = 0; t < size; t++) start[t + 1] = start[t] + df[t];
    docs = new int[total];
    weights = new float[total];
    int[] next = Arrays.copyOf(start, size);
    for (int c = 0; c < n; c++) {
      Vector v = weigh(grams.get(c));
      for (int k = 0; k < v.phrases().length; k++) {
        int t = v.phrases()[k];
        docs[next[t]] = c;
        weights[next[t]++] = v.weights()[k];
      }
    }
  }

  private static float idf(int papers, int df) {
    return (float) Math.pow(Math.log((papers + 1.0) / (df + 1.0)) + 1, IDF_POWER);
  }

  /** The phrase vector of a kept paper, analysed once per pool. */
  Vector vectorOf(String paperId, String text) {
    if (kept.size() > 200_000) kept.clear();
    return kept.computeIfAbsent(paperId, id -> weigh(hashes(text)));
  }

  /** out[c] = cosine of the phrase vectors of {@code v} and candidate c. */
  void similarities(Vector v, float[] out) {
    Arrays.fill(out, 0f);
    add(v, 1, out);
  }

  /** out[c] = Σ_k weight_k · cosine(v_k, candidate c). */
  void similaritiesOfSum(List<Vector> vs, double[] w, float[] out) {
    Arrays.fill(out, 0f);
    for (int k = 0; k < vs.size(); k++) add(vs.get(k), w[k], out);
  }

  private void add(Vector v, double w, float[] out) {
    for (int k = 0; k < v.phrases().length; k++) {
      int t = v.phrases()[k];
      float x = (float) (w * v.weights()[k]);
      for (int j = start[t]; j < start[t + 1]; j++) out[docs[j]] += x * weights[j];
    }
  }

  /** Unit tf-idf over the pool's phrases; phrases no candidate uses count toward the length but match nothing. */
  private Vector weigh(long[] hashes) {
    if (hashes.length == 0) return Vector.EMPTY;
    long[] sorted = hashes.clone();
    Arrays.sort(sorted);
    int[] terms = new int[sorted.length];
    float[] ws = new float[sorted.length];
    int known = 0;
    double norm = 0;
    for (int i = 0; i < sorted.length; ) {
      int j = i;
      while (j < sorted.length && sorted[j] == sorted[i]) j++;
      int t = Arrays.binarySearch(vocabulary, sorted[i]);
      // a phrase's document frequency is the length of its postings: no idf array beside them
      double x = (1 + Math.log(j - i)) * idf(papers, t < 0 ? 0 : start[t + 1] - start[t]);
      norm += x * x;
      if (t >= 0) {
        terms[known] = t; // ascending, as the hashes are
        ws[known++] = (float) x;
      }
      i = j;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int k = 0; k < known; k++) ws[k] *= scale;
    return new Vector(Arrays.copyOf(terms, known), Arrays.copyOf(ws, known));
  }

  /** The hash of every run of LENGTH words of the text (words: letters and digits, lower-cased). */
  static long[] hashes(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<Long> words = new ArrayList<>();
    int from = -1;
    for (int i = 0; i <= lower.length(); i++) {
      char ch = i < lower.length() ? lower.charAt(i) : ' ';
      boolean word = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
      if (word && from < 0) from = i;
      else if (!word && from >= 0) {
        words.add(fnv(lower, from, i));
        from = -1;
      }
    }
    int count = Math.max(0, words.size() - LENGTH + 1);
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      long h = 0;
      for (int k = 0; k < LENGTH; k++) h = h * 0x9E3779B97F4A7C15L + words.get(i + k);
      out[i] = mix(h);
    }
    return out;
  }

  private static long fnv(String s, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) h = (h ^ s.charAt(i)) * 0x100000001b3L;
    return h;
  }

  /** MurmurHash3's finaliser: spreads the bits so that nearby sums do not collide. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb93fe53ef49bL;
    return h ^ h >>> 33;
  }

  private static long[] distinct(long[] hashes) {
    Arrays.sort(hashes);
    int size = 0;
    for (int i = 0; i < hashes.length; i++) if (size == 0 || hashes[size - 1] != hashes[i]) hashes[size++] = hashes[i];
    return Arrays.copyOf(hashes, size);
  }
}
