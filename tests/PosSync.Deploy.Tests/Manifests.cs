using System.Diagnostics;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace PosSync.Deploy.Tests;

/// <summary>Kubernetes manifests read the strict way: built-in kinds by the Kubernetes client, KEDA's with YamlDotNet.</summary>
public sealed class Manifests
{
    public List<V1Deployment> Deployments { get; } = [];
    public List<V1Job> Jobs { get; } = [];
    public List<V1CronJob> CronJobs { get; } = [];
    public List<string> Kinds { get; } = [];
    public List<YamlMappingNode> ScaledObjects { get; } = [];
    public List<YamlMappingNode> TriggerAuthentications { get; } = [];

    private static readonly Dictionary<string, Type> BuiltIn = new()
    {
        ["v1/Namespace"] = typeof(V1Namespace),
        ["v1/ConfigMap"] = typeof(V1ConfigMap),
        ["apps/v1/Deployment"] = typeof(V1Deployment),
        ["batch/v1/Job"] = typeof(V1Job),
        ["batch/v1/CronJob"] = typeof(V1CronJob),
        ["autoscaling/v2/HorizontalPodAutoscaler"] = typeof(V2HorizontalPodAutoscaler),
    };

    public static Manifests FromFolder(string folder) =>
        FromText(
            string.Join(
                "\n---\n",
                Directory.GetFiles(folder, "*.yaml").Where(f => !f.EndsWith("kustomization.yaml")).Order().Select(File.ReadAllText)));

    /// <summary>kubectl kustomize's rendering of an overlay, or null when kubectl is not installed.</summary>
    public static Manifests? Rendered(string folder)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", folder]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception) { return null; }
        using (process)
        {
            var output = process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"kubectl kustomize {folder} failed: {errors}");
            return FromText(output);
        }
    }

    public static Manifests FromText(string text)
    {
        var manifests = new Manifests();
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root || root.Children.Count == 0) continue;
            var apiVersion = ((YamlScalarNode)root["apiVersion"]).Value!;
            var kind = ((YamlScalarNode)root["kind"]).Value!;
            manifests.Kinds.Add(kind);
            if (apiVersion.StartsWith("keda.sh/", StringComparison.Ordinal))
            {
                (kind == "ScaledObject" ? manifests.ScaledObjects : manifests.TriggerAuthentications).Add(root);
                continue;
            }
            var yaml = Serialize(document);
            if (!BuiltIn.TryGetValue($"{apiVersion}/{kind}", out var type))
                throw new InvalidOperationException($"unexpected kind {apiVersion}/{kind}");
            var typed = KubernetesYaml.LoadAllFromString(
                yaml,
                new Dictionary<string, Type> { [$"{apiVersion}/{kind}"] = type },
                strict: true).Single();
            if (typed is V1Deployment deployment) manifests.Deployments.Add(deployment);
            if (typed is V1Job job) manifests.Jobs.Add(job);
            if (typed is V1CronJob cronJob) manifests.CronJobs.Add(cronJob);
        }
        return manifests;
    }

    private static string Serialize(YamlDocument document)
    {
        var writer = new StringWriter();
        new YamlStream(document).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    public static string Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path) current = ((YamlMappingNode)current)[key];
        return ((YamlScalarNode)current).Value!;
    }
}
