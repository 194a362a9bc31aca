// The three tables' names (from the template's environment) and the shapes stored in them.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Order {
  orderId: string;
  /** ISO time the order was placed; its minute is the total it counts in. */
  createdAt: string;
  customer: string;
  /** Money as whole cents, so totals add up exactly. */
  amountCents: number;
}

export interface MinuteTotal {
  /** `2026-12-02T10:52`, in UTC. */
  minute: string;
  orders: number;
  amountCents: number;
}

export interface Viewer {
  connectionId: string;
  /** The @connections endpoint of the API the page connected through. */
  endpoint: string;
}

export const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export function tableName(variable: 'ORDERS_TABLE' | 'TOTALS_TABLE' | 'VIEWERS_TABLE'): string {
  const name = process.env[variable];
  if (!name) throw new Error(`${variable} is not set: the template passes the table names to the functions.`);
  return name;
}

export function minuteOf(isoTime: string): string {
  return isoTime.slice(0, 16);
}
