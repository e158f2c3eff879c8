import { login } from "./auth";
import { saveOrder } from "./db";
import { Order, PaymentGateway } from "./model";
import { CardGateway, FreeGateway } from "./payments";

let nextId = 1;

/** Logs in, charges and records an order. */
export async function placeOrder(name: string, password: string, cents: number): Promise<Order> {
  const user = await login(name, password);
  const gateway: PaymentGateway = cents === 0 ? new FreeGateway() : new CardGateway();
  if (!(await gateway.charge(user, cents))) {
    throw new Error("payment refused");
  }
  const order = { id: nextId++, user, cents };
  await saveOrder(order.id, cents);
  console.log("order " + order.id + " for " + user.displayName());
  return order;
}
