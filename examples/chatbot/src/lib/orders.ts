// The order-status question both bots answer: the chat's "/order 1001" and the Lex V2 OrderStatus intent.
// The orders are the example's own sample data, so the bots have something true to say; a real shop would
// read them from its order table or service here.
export interface Order {
  number: string;
  status: 'received' | 'packed' | 'shipped' | 'delivered';
  items: number;
  /** ISO date the order is expected (shipped) or arrived (delivered). */
  date?: string;
}

const SAMPLE_ORDERS: readonly Order[] = [
  { number: '1001', status: 'delivered', items: 2, date: '2026-11-28' },
  { number: '1002', status: 'shipped', items: 1, date: '2026-12-04' },
  { number: '1003', status: 'packed', items: 5 },
  { number: '1004', status: 'received', items: 3 },
];

/** Order numbers are four digits: anything else is worth a "did you mistype it?" rather than "not found". */
export function isOrderNumber(text: string): boolean {
  return /^\d{4}$/.test(text.trim());
}

export function findOrder(number: string): Order | undefined {
  return SAMPLE_ORDERS.find((order) => order.number === number.trim());
}

export function describeOrder(order: Order): string {
  const items = `${order.items} item${order.items === 1 ? '' : 's'}`;
  switch (order.status) {
    case 'delivered':
      return `Order ${order.number} (${items}) was delivered on ${order.date}.`;
    case 'shipped':
      return `Order ${order.number} (${items}) is on its way, expected on ${order.date}.`;
    case 'packed':
      return `Order ${order.number} (${items}) is packed and leaves the warehouse today.`;
    case 'received':
      return `Order ${order.number} (${items}) was received; we are picking the items.`;
  }
}
