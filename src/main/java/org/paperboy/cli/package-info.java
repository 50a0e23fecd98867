/**
 * The command line ({@link org.paperboy.cli.Main}, picocli): one command per thing a person does,
 * each a thin shell that maps its options onto a {@code Config} ({@link org.paperboy.cli.GlobalOptions},
 * {@link org.paperboy.cli.MailOptions}, the environment and {@code paperboy.properties} through
 * {@link org.paperboy.cli.ConfigDefaults}) and calls one feature; {@code serve} hands its
 * {@code Config} to {@code Server}. A {@code Refusal} of any kind becomes one line on stderr and exit
 * code 1, in one place ({@link org.paperboy.cli.Main}); anything else is a bug and keeps its stack trace
 * (exit code 2). Benchmarks and {@code eval} live apart, in {@code org.paperboy.bench}.
 */
package org.paperboy.cli;
