using YamlDotNet.RepresentationModel;

namespace Trading.Orchestrator.Tests.Deployment;

/// <summary>
/// A YAML file of the repository as a node tree, with `&lt;&lt;: *anchor` merge keys resolved the way Docker Compose resolves
/// them (a key written in the mapping wins over a merged one). Parsing it at all is part of the syntax check that
/// `docker compose config` would give; that needs the compose plugin, which is absent here.
/// </summary>
internal static class YamlFile
{
    private static readonly YamlScalarNode MergeKey = new("<<");

    public static YamlMappingNode Load(string relativePath)
    {
        using var reader = new StringReader(RepositoryFiles.ReadAllText(relativePath));
        var stream = new YamlStream();
        stream.Load(reader);
        var document = Assert.Single(stream.Documents);
        var root = Assert.IsType<YamlMappingNode>(document.RootNode);
        ResolveMerges(root, new HashSet<YamlNode>(ReferenceEqualityComparer.Instance));
        return root;
    }

    public static YamlNode? Child(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static YamlMappingNode Mapping(this YamlMappingNode node, string key) =>
        Assert.IsType<YamlMappingNode>(node.Child(key) ?? throw new Xunit.Sdk.XunitException($"missing mapping '{key}'"));

    public static YamlSequenceNode Sequence(this YamlMappingNode node, string key) =>
        Assert.IsType<YamlSequenceNode>(node.Child(key) ?? throw new Xunit.Sdk.XunitException($"missing sequence '{key}'"));

    public static string? Scalar(this YamlMappingNode node, string key) => (node.Child(key) as YamlScalarNode)?.Value;

    public static IReadOnlyList<string> Scalars(this YamlSequenceNode node) =>
        node.Children.Select(c => Assert.IsType<YamlScalarNode>(c).Value ?? string.Empty).ToList();

    public static IReadOnlyList<string> Keys(this YamlMappingNode node) =>
        node.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? string.Empty).ToList();

    // YamlDotNet's MergingParser splices merged keys in as events, so an overridden key (an `environment:` beside
    // `<<: *app`) becomes a duplicate-key error; the YAML merge-key rule is that explicit keys win, so merge on the tree.
    private static void ResolveMerges(YamlNode node, HashSet<YamlNode> visited)
    {
        if (!visited.Add(node))
        {
            return;
        }

        if (node is YamlSequenceNode sequence)
        {
            foreach (var child in sequence.Children)
            {
                ResolveMerges(child, visited);
            }
        }

        if (node is not YamlMappingNode mapping)
        {
            return;
        }

        foreach (var child in mapping.Children.Values.ToList())
        {
            ResolveMerges(child, visited);
        }

        if (!mapping.Children.TryGetValue(MergeKey, out var merged))
        {
            return;
        }

        mapping.Children.Remove(MergeKey);
        var sources = merged is YamlSequenceNode list ? list.Children.ToList() : [merged];
        foreach (var source in sources.Select(s => Assert.IsType<YamlMappingNode>(s)))
        {
            ResolveMerges(source, visited);
            foreach (var (key, value) in source.Children)
            {
                mapping.Children.TryAdd(key, value);
            }
        }
    }
}
