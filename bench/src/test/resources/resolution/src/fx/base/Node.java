package fx.base;

public class Node {
  public static class Entry {
    public int key() {
      return 0;
    }
  }

  protected Entry first() {
    return new Entry();
  }
}
