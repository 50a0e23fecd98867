/** Small helpers that several features share and that belong to none of them: progress display. */
package org.paperboy.support;
