/**
 * The server-rendered UI shell: the records every page template takes (the layout's
 * {@link dev.switchboard.web.PageContext} and one view record per page) and the formatting
 * helpers templates call. Controllers in any module fill these records and return a view name;
 * the JTE integration under {@code internal} renders them.
 */
package dev.switchboard.web;
