using MassTransit;
using PosSync.Pipeline.Stages;
using PosSync.ServiceDefaults;
using YamlDotNet.RepresentationModel;

namespace PosSync.Deploy.Tests;

public class KubernetesTests
{
    private static readonly Dictionary<string, string> QueueOfWorker = new()
    {
        // The same formatter the workers use (no prefix in production).
        ["pos-ingest"] = new StageEndpointNames("").Consumer<PosIngestStage>(),
        ["reconciliation"] = new StageEndpointNames("").Consumer<ReconciliationStage>(),
        ["accounting-export"] = new StageEndpointNames("").Consumer<AccountingExportStage>(),
    };

    private static IEnumerable<TestCaseData> Sets()
    {
        yield return new TestCaseData("k8s/base").SetName("The base manifests");
        yield return new TestCaseData("k8s/overlays/dev").SetName("The dev overlay as kustomize renders it");
        yield return new TestCaseData("k8s/overlays/prod").SetName("The prod overlay as kustomize renders it");
    }

    private static Manifests Load(string folder)
    {
        var path = Repository.Path("deploy", folder);
        if (folder == "k8s/base") return Manifests.FromFolder(path);
        return Manifests.Rendered(path) ?? throw new IgnoreException("kubectl is not installed: overlays cannot be rendered here");
    }

    [TestCaseSource(nameof(Sets))]
    public void Every_worker_has_probes_resources_and_time_to_finish_its_work(string folder)
    {
        var manifests = Load(folder);

        Assert.That(manifests.Deployments.Select(d => d.Metadata.Name), Is.EquivalentTo(QueueOfWorker.Keys));
        foreach (var deployment in manifests.Deployments)
        {
            var pod = deployment.Spec.Template.Spec;
            var container = pod.Containers.Single();
            Assert.That(container.StartupProbe.HttpGet.Path, Is.EqualTo("/health/ready"), deployment.Metadata.Name);
            Assert.That(container.ReadinessProbe.HttpGet.Path, Is.EqualTo("/health/ready"), deployment.Metadata.Name);
            Assert.That(container.LivenessProbe.HttpGet.Path, Is.EqualTo("/health/live"), deployment.Metadata.Name);
            Assert.That(container.Resources.Requests.Keys, Is.SupersetOf(new[] { "cpu", "memory" }), deployment.Metadata.Name);
            Assert.That(container.Resources.Limits.Keys, Does.Contain("memory"), deployment.Metadata.Name);
            Assert.That(
                pod.TerminationGracePeriodSeconds,
                Is.GreaterThan((long)HostingDefaults.ShutdownTimeout.TotalSeconds),
                deployment.Metadata.Name);
            Assert.That(
                container.Env.Where(e => e.Name.Contains("Password") || e.Name.Contains("ConnectionString") || e.Name.StartsWith("Secrets__"))
                    .Select(e => e.ValueFrom?.SecretKeyRef),
                Is.All.Not.Null, "secrets come from Secrets, never from the manifest");
            Assert.That(
                container.Env.Select(e => e.Name),
                Does.Contain("Secrets__Key"),
                "stored credentials are encrypted with a key every replica shares");
        }
    }

    [TestCaseSource(nameof(Sets))]
    public void Each_worker_scales_on_its_own_queue_and_nothing_else_scales_it(string folder)
    {
        var manifests = Load(folder);

        Assert.That(manifests.Kinds, Does.Not.Contain("HorizontalPodAutoscaler"), "KEDA refuses a ScaledObject whose target another HPA scales");
        Assert.That(manifests.ScaledObjects, Has.Count.EqualTo(QueueOfWorker.Count));
        foreach (var scaled in manifests.ScaledObjects)
        {
            var target = Manifests.Scalar(scaled, "spec", "scaleTargetRef", "name");
            var trigger = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)scaled["spec"])["triggers"]).Children.Single();
            Assert.That(manifests.Deployments.Select(d => d.Metadata.Name), Does.Contain(target));
            Assert.That(Manifests.Scalar(trigger, "metadata", "queueName"), Is.EqualTo(QueueOfWorker[target]), target);
            Assert.That(
                int.Parse(Manifests.Scalar(scaled, "spec", "minReplicaCount")),
                Is.GreaterThanOrEqualTo(1),
                "no cold start for days support is waiting on");
            Assert.That(Manifests.Scalar(scaled, "metadata", "name").Length, Is.LessThanOrEqualTo(54));
            var authentication = Manifests.Scalar(trigger, "authenticationRef", "name");
            Assert.That(manifests.TriggerAuthentications.Select(t => Manifests.Scalar(t, "metadata", "name")), Does.Contain(authentication));
        }
    }

    [TestCaseSource(nameof(Sets))]
    public void Every_image_is_pinned_to_a_version(string folder)
    {
        var manifests = Load(folder);
        var images = manifests.Deployments.Select(d => d.Spec.Template.Spec.Containers.Single().Image)
            .Concat(manifests.Jobs.Select(j => j.Spec.Template.Spec.Containers.Single().Image))
            .Concat(manifests.CronJobs.Select(j => j.Spec.JobTemplate.Spec.Template.Spec.Containers.Single().Image));

        Assert.That(images, Is.All.Match(@"^[^:]+:\d+\.\d+\.\d+$"));
    }

    [Test]
    public void The_migration_job_runs_possync_migrate_once()
    {
        var job = Load("k8s/base").Jobs.Single();

        Assert.That(job.Spec.Template.Spec.Containers.Single().Args, Is.EqualTo(new[] { "migrate" }));
        Assert.That(job.Spec.Template.Spec.RestartPolicy, Is.EqualTo("Never"));
    }

    [Test]
    public void The_scheduler_runs_one_pass_at_a_time_every_few_minutes()
    {
        var cron = Load("k8s/base").CronJobs.Single(c => c.Metadata.Name == "possync-schedule");

        Assert.That(cron.Spec.JobTemplate.Spec.Template.Spec.Containers.Single().Args, Is.EqualTo(new[] { "schedule", "--once" }));
        Assert.That(cron.Spec.ConcurrencyPolicy, Is.EqualTo("Forbid"));
        Assert.That(cron.Spec.Schedule, Is.EqualTo("*/5 * * * *"));
    }

    [TestCaseSource(nameof(Sets))]
    public void Retention_runs_possync_prune_once_a_night_on_its_own_one_at_a_time(string folder)
    {
        var manifests = Load(folder);
        var cron = manifests.CronJobs.Single(c => c.Metadata.Name == "possync-prune");
        var job = cron.Spec.JobTemplate.Spec;
        var container = job.Template.Spec.Containers.Single();

        Assert.That(manifests.CronJobs.Select(c => c.Metadata.Name), Is.EquivalentTo(new[] { "possync-schedule", "possync-prune" }),
            "a prune of its own: a long first prune never delays the schedule pass");
        Assert.That(container.Args, Is.EqualTo(new[] { "prune" }));
        Assert.That(cron.Spec.ConcurrencyPolicy, Is.EqualTo("Forbid"), "two prunes would only fight over the same rows");
        Assert.That(cron.Spec.Schedule, Does.Match(@"^\d{1,2} \d{1,2} \* \* \*$"), "once a day, at a fixed time");
        Assert.That(job.Template.Spec.RestartPolicy, Is.EqualTo("Never"));
        Assert.That(job.ActiveDeadlineSeconds, Is.GreaterThan(3600), "a first prune of a large backlog needs time");
        Assert.That(
            container.EnvFrom.Select(e => e.ConfigMapRef?.Name),
            Does.Contain("possync-settings"),
            "the same database settings as the workers");
        Assert.That(
            container.Env.Where(e => e.Name.Contains("ConnectionString")).Select(e => e.ValueFrom?.SecretKeyRef?.Name),
            Is.EqualTo(new[] { "possync-sql" }));
        Assert.That(container.Resources.Requests.Keys, Is.SupersetOf(new[] { "cpu", "memory" }));
        Assert.That(container.Resources.Limits.Keys, Does.Contain("memory"));
    }
}
