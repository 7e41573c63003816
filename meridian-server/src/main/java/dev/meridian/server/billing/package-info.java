/**
 * What tenants are billed: list cost less their volume discount, decided from each tenant's tokens this calendar
 * month ({@link dev.meridian.server.billing.MonthToDateTokens}, {@link dev.meridian.server.billing.VolumeBilling}).
 * Budgets and plan quotas never see the discount: they limit list spend.
 */
package dev.meridian.server.billing;
