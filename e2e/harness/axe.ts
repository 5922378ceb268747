/**
 * The accessibility check every end-to-end screen goes through: axe-core (through
 * @axe-core/playwright) with the WCAG 2.0, 2.1 and 2.2 A and AA rules, on the page as it is. Any
 * violation fails the test with a readable list: rule, impact, what it asks, and the elements at
 * fault with axe's own summary of what to fix.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] as const;

/** One line per violation, then one per element (at most five), for a failure message a person reads. */
export function describeViolations(violations: readonly { id: string; impact?: string | null; help: string; nodes: readonly { target: unknown; failureSummary?: string }[] }[]): string[] {
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 5).map((n) => {
      const fix = (n.failureSummary ?? '').split('\n').slice(1).map((line) => line.trim()).filter(Boolean).join('; ');
      return `    at ${JSON.stringify(n.target)}${fix ? ` — ${fix}` : ''}`;
    });
    const more = v.nodes.length > 5 ? [`    …and ${v.nodes.length - 5} more`] : [];
    return [`${v.id} (${v.impact ?? 'unknown'}): ${v.help}`, ...nodes, ...more].join('\n');
  });
}

export async function expectNoAxeViolations(page: Page, screenName: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags([...WCAG_TAGS]).analyze();
  const found = describeViolations(results.violations);
  expect(found, `axe-core found ${found.length} WCAG violation(s) on the screen "${screenName}":\n${found.join('\n')}`).toEqual([]);
}
