package org.paperboy.web;

import org.paperboy.personal.CollectionTransfer;
import org.paperboy.personal.Dismissals;
import org.paperboy.personal.Follows;
import org.paperboy.personal.ForYou;
import org.paperboy.personal.ForYouFeeds;
import org.paperboy.personal.PaperCollections;
import org.paperboy.personal.PersonalData;

/** What the personal pages call: collections, follows, dismissals, the For you ranking and its feed, and the member's own data. */
public record PersonalServices(PaperCollections collections, CollectionTransfer transfer, Follows follows,
    Dismissals dismissals, ForYou forYou, ForYouFeeds forYouFeeds, PersonalData data) {}
