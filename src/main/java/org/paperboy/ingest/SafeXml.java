package org.paperboy.ingest;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX readers for XML that comes from the network. DTDs and external entities are off, so a
 * response can neither read local files (XXE) nor blow up memory with nested entities; the JDK's
 * own parser is used so the behaviour does not depend on which StAX library happens to be on the
 * class path.
 */
final class SafeXml {
  private static final XMLInputFactory FACTORY = newFactory();

  private SafeXml() {}

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  static XMLStreamReader reader(InputStream in) throws XMLStreamException {
    return FACTORY.createXMLStreamReader(in);
  }

  /** Reads a document from its root element on. */
  interface Document<T> {
    T read(XMLStreamReader r) throws XMLStreamException, PoliteHttp.MalformedResponse;
  }

  /**
   * Reads a whole response whose root element must be {@code root}, handing {@code document} the
   * reader on it. A body that is not XML, is cut off or has another root is a malformed response
   * naming {@code format}, so the caller asks again.
   */
  static <T> T readDocument(InputStream body, String root, String format, Document<T> document)
      throws PoliteHttp.MalformedResponse {
    try {
      XMLStreamReader r = reader(body);
      try {
        toRoot(r);
        if (!r.isStartElement() || !r.getLocalName().equals(root)) {
          throw new PoliteHttp.MalformedResponse("the response is not " + format + " (root <"
              + (r.isStartElement() ? r.getLocalName() : "") + ">)", null);
        }
        return document.read(r);
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      throw new PoliteHttp.MalformedResponse("the response is not complete " + format + " XML: " + e.getMessage(), e);
    }
  }

  /**
   * Moves to the root element. A DOCTYPE before it is passed over unread (DTD support is off), so
   * any entity it declares stays undeclared and using one fails the parse.
   */
  static void toRoot(XMLStreamReader r) throws XMLStreamException {
    while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
      // prolog: comments, processing instructions, the DOCTYPE
    }
  }

  /** The text of the element the reader is on (which must hold text only), leaving the reader on its end tag. */
  static String text(XMLStreamReader r) throws XMLStreamException {
    return r.getElementText();
  }

  /** Skips the element the reader is on, children included, leaving the reader on its end tag. */
  static void skip(XMLStreamReader r) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) depth++;
      else if (event == XMLStreamConstants.END_ELEMENT) depth--;
    }
  }
}
