import Foundation
import PriorCutCLI
import TestSupport
import Testing

/// The shared helpers of Sources/PriorCutCLI/Support: pairing by stem, overwrite protection, range arguments.
@Suite struct CommandSupportTests {
    static func touch(_ folder: URL, _ names: [String]) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in names { _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data([0])) }
    }

    @Test func foldersArePairedByStem() throws {
        let root = Fixtures.temporaryDirectory()
        Self.touch(root.appendingPathComponent("gt"), ["b.tif", "a.tif", "notes.txt", ".hidden.tif"])
        Self.touch(root.appendingPathComponent("pred"), ["a.png", "b.tiff"])
        let pairs = try PairedInputs([("--ground-truth", root.appendingPathComponent("gt").path),
                                      ("--prediction", root.appendingPathComponent("pred").path)])
        #expect(pairs.fromFolders)
        #expect(pairs.items.map(\.stem) == ["a", "b"])
        #expect(pairs.items[0].paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["a.tif", "a.png"])
        #expect(pairs.items[1].paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["b.tif", "b.tiff"])
    }

    @Test func missingPartnersAreListedPerOption() throws {
        let root = Fixtures.temporaryDirectory()
        Self.touch(root.appendingPathComponent("gt"), ["a.tif", "b.tif", "c.tif"])
        Self.touch(root.appendingPathComponent("pred"), ["a.tif", "d.tif"])
        let error = #expect(throws: CommandInputError.self) {
            try PairedInputs([("--ground-truth", root.appendingPathComponent("gt").path),
                              ("--prediction", root.appendingPathComponent("pred").path)])
        }
        #expect(error == .missingPartners([.init(option: "--ground-truth", stems: ["d"]),
                                           .init(option: "--prediction", stems: ["b", "c"])]))
        #expect(error?.description.contains("--prediction has no file for: b, c") == true)
    }

    @Test func badInputKinds() throws {
        let root = Fixtures.temporaryDirectory()
        Self.touch(root.appendingPathComponent("gt"), ["a.tif", "a.png"])
        Self.touch(root.appendingPathComponent("empty"), ["readme.md"])
        Self.touch(root, ["one.tif"])
        let file = root.appendingPathComponent("one.tif").path
        let duplicate = #expect(throws: CommandInputError.self) {
            try PairedInputs([("--ground-truth", root.appendingPathComponent("gt").path)])
        }
        if case .duplicateStem(option: "--ground-truth", stem: "a", files: _)? = duplicate {} else {
            Issue.record("expected a duplicate-stem error, got \(String(describing: duplicate))")
        }
        #expect(throws: CommandInputError.noImages(option: "--x", folder: root.appendingPathComponent("empty").path)) {
            try PairedInputs([("--x", root.appendingPathComponent("empty").path)])
        }
        #expect(throws: CommandInputError.mixedFilesAndFolders(files: [file], folders: [root.appendingPathComponent("gt").path])) {
            try PairedInputs([("--a", file), ("--b", root.appendingPathComponent("gt").path)])
        }
        #expect(throws: CommandInputError.missingPath(option: "--a", path: "/no/such/file.tif")) {
            try PairedInputs([("--a", "/no/such/file.tif")])
        }
        let single = try PairedInputs([("--a", file), ("--b", file)])
        #expect(!single.fromFolders && single.items == [PairedInputs.Item(stem: "one", paths: [file, file])])
    }

    @Test func outputsAreNotOverwrittenWithoutForce() throws {
        let root = Fixtures.temporaryDirectory()
        let folder = OutputLocation(path: root.appendingPathComponent("out").path, isFolder: true)
        try folder.prepare(stems: ["a", "b"], force: false) // creates the folder
        Self.touch(root.appendingPathComponent("out"), ["b.tif"])
        let error = #expect(throws: CommandInputError.self) { try folder.prepare(stems: ["a", "b"], force: false) }
        #expect(error == .outputExists([folder.path(for: "b")]))
        try folder.prepare(stems: ["a", "b"], force: true)
        let asFile = OutputLocation(path: root.appendingPathComponent("out").path, isFolder: false)
        #expect(throws: CommandInputError.self) { try asFile.prepare(stems: ["x"], force: true) }
        let file = OutputLocation(path: root.appendingPathComponent("new/sub/result.tif").path, isFolder: false)
        try file.prepare(stems: ["ignored"], force: false)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("new/sub").path))
        #expect(file.path(for: "anything") == root.appendingPathComponent("new/sub/result.tif").path)
    }

    @Test func rangeArguments() {
        #expect(RangeArgument(argument: "10:20")?.integers == 10...20)
        #expect(RangeArgument(argument: "12")?.doubles == 12...12)
        #expect(RangeArgument(argument: "2.5:4")?.integers == nil)
        #expect(RangeArgument(argument: "20:10") == nil)
        #expect(RangeArgument(argument: "a:b") == nil)
        #expect(RangeArgument(argument: "1:2:3") == nil)
    }
}
