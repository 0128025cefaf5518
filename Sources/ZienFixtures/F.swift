public enum F {}
