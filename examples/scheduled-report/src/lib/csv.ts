// The report's CSV (RFC 4180: quoted where a field holds a comma, quote or line break) and its summary.
import type { Order } from './orders';

const HEADER = ['orderId', 'createdAt', 'customer', 'items', 'amount'];

function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function dollars(cents: number): string {
  return `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
}

export function ordersCsv(orders: Order[]): string {
  const lines = [HEADER.join(',')];
  for (const order of orders) lines.push([order.orderId, order.createdAt, order.customer, order.items, dollars(order.amountCents)].map(field).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export interface Summary {
  orders: number;
  items: number;
  amountCents: number;
  /** The customer who spent the most that day, and how much. */
  topCustomer?: { name: string; amountCents: number };
}

export function summarize(orders: Order[]): Summary {
  const byCustomer = new Map<string, number>();
  for (const order of orders) byCustomer.set(order.customer, (byCustomer.get(order.customer) ?? 0) + order.amountCents);
  const top = [...byCustomer].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return {
    orders: orders.length,
    items: orders.reduce((sum, order) => sum + order.items, 0),
    amountCents: orders.reduce((sum, order) => sum + order.amountCents, 0),
    ...(top ? { topCustomer: { name: top[0], amountCents: top[1] } } : {}),
  };
}
