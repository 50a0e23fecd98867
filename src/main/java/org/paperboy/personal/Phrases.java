package org.paperboy.personal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Phrases a candidate shares with the papers a member kept: every run of {@value #LENGTH} words of a
 * paper's text (lower-cased, stop words kept, nothing stemmed), weighted by sublinear tf × idf² over
 * the candidates ({@link SparseIndex}, as words are). A new paper that repeats five words in a
 * row of a kept one (a method's full name, a task's exact wording, a sentence a group reuses from
 * paper to paper) is more likely its continuation than one that only shares its terms; the README's
 * "Measured on the recommend set" gives the figures. A phrase is stored as a 64-bit hash of its
 * words, so the vocabulary is a sorted array rather than a map of strings; what is its own here is
 * only how a text becomes phrases. Immutable but for the index's cache, and thread-safe.
 */
final class Phrases {
  /** Words in a phrase; 4 and 6 measured about as well, 3 (mostly common wording) less. */
  static final int LENGTH = 5;
  private static final double IDF_POWER = 2;

  /** Every phrase some candidate uses, ascending: a phrase's term id is its place here. */
  private final long[] vocabulary;
  private final SparseIndex index;

  Phrases(List<String> texts) {
    List<long[]> sorted = new ArrayList<>(texts.size());
    int total = 0;
    for (String text : texts) {
      long[] h = hashes(text);
      Arrays.sort(h);
      sorted.add(h);
      total += h.length;
    }
    long[] all = new long[total];
    int fill = 0;
    for (long[] h : sorted) {
      System.arraycopy(h, 0, all, fill, h.length);
      fill += h.length;
    }
    Arrays.sort(all);
    vocabulary = distinct(all);
    List<SparseIndex.Counts> counts = new ArrayList<>(sorted.size());
    for (long[] h : sorted) counts.add(counts(h));
    index = new SparseIndex(counts, vocabulary.length, IDF_POWER);
  }

  /** The candidates' phrase vectors and their postings. */
  SparseIndex index() {
    return index;
  }

  /** The phrase vector of a kept paper, read once per pool. */
  SparseIndex.Vector vectorOf(String paperId, String text) {
    return index.kept(paperId, () -> {
      long[] h = hashes(text);
      Arrays.sort(h);
      return counts(h);
    });
  }

  /** Sorted hashes as term ids and counts, each phrase once (a phrase no candidate uses is unseen). */
  private SparseIndex.Counts counts(long[] sorted) {
    int[] terms = new int[sorted.length], tf = new int[sorted.length];
    int size = 0;
    for (int i = 0; i < sorted.length; ) {
      int j = i;
      while (j < sorted.length && sorted[j] == sorted[i]) j++;
      int t = Arrays.binarySearch(vocabulary, sorted[i]);
      terms[size] = t < 0 ? SparseIndex.UNSEEN : t;
      tf[size++] = j - i;
      i = j;
    }
    return new SparseIndex.Counts(Arrays.copyOf(terms, size), Arrays.copyOf(tf, size));
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

  /** The distinct values of a sorted array. */
  private static long[] distinct(long[] sorted) {
    int size = 0;
    for (int i = 0; i < sorted.length; i++) if (size == 0 || sorted[size - 1] != sorted[i]) sorted[size++] = sorted[i];
    return Arrays.copyOf(sorted, size);
  }
}
