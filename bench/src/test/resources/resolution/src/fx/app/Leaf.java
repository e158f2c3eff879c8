package fx.app;

import fx.base.*;

class Leaf extends Node {
  private Entry entry = first();

  Leaf() {
    super();
  }

  int key() {
    return entry.key() + first().key();
  }
}
