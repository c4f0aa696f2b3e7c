namespace PosSync.Pipeline.Operations;

public enum Verdict { Ok, Problem, Warning, Info }
