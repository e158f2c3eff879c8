/** A customer of the shop. */
export class User {
  constructor(public readonly name: string, public readonly email: string) {}

  /** The name shown on receipts. */
  displayName(): string {
    return this.name;
  }
}

/** An administrator: may refund orders. */
export class AdminUser extends User {
  displayName(): string {
    return "admin " + super.displayName();
  }
}

/** Something that takes money. */
export interface PaymentGateway {
  /** Charges the user; true when the payment went through. */
  charge(user: User, cents: number): Promise<boolean>;
}

export type Order = { id: number; user: User; cents: number };
