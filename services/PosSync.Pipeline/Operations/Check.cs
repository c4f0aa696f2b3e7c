namespace PosSync.Pipeline.Operations;

/// <summary>One step of the support checklist: what was checked, the verdict, the evidence.</summary>
public sealed record Check(string Location, string Name, Verdict Verdict, string Evidence);
