/**
 * Implementation of the tool programming model: parameter analysis shared by schema generation and
 * binding, the invocation plan, deadlines and executors. Not part of the public API; may change in
 * any release.
 */
package ai.fonella.tool.internal;
