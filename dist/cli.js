#!/usr/bin/env node
import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  LocalStore
} from "./cli-chunks/chunk-KNY7ZKRR.js";
import "./cli-chunks/chunk-Z75IXKGI.js";
import {
  DEFAULT_BLOBS_DIR,
  MAX_BLOB_SIZE,
  blobReport,
  buildEnclave,
  copyManifest,
  describeChanges,
  diffManifests,
  fileSha256,
  knownBlobSets,
  loadBlobs,
  looksLikeManifest,
  nitroCliMeasurements,
  openManifest,
  parseByteSize,
  parseCustomMetadata,
  parseSourceDateEpoch,
  pinMismatch,
  proxyFetchFromEnv,
  readBlobLock,
  readStart,
  renderMeasurements
} from "./cli-chunks/chunk-ZBJQFNEB.js";
import {
  ARTIFACT_FILES,
  DEFAULT_STORE,
  artifactKey,
  isHashKey,
  normalizeOsImageHash
} from "./cli-chunks/chunk-O6RGCKAR.js";
import {
  BUILDER_VERSION
} from "./cli-chunks/chunk-H6BAN5PQ.js";
import {
  comparePcrs
} from "./cli-chunks/chunk-LNA2O4HV.js";
import {
  EIF_MAGIC,
  HASH_ALGORITHM,
  certificatePcr8,
  checkCborShape,
  checkOutputPath,
  checkSigningCertificateValidity,
  decode,
  encode,
  inspectEif,
  inspectEifFrom,
  localKeySigner,
  minimumEnclaveMemoryMiB,
  oidText,
  pcrOfFile,
  renderDescribeEif,
  signEif,
  writeFileAtomic
} from "./cli-chunks/chunk-6QFIGN26.js";
import {
  osImageHash,
  osImageHashOfRaw,
  parseHex,
  parsePcrs,
  readMeasurements,
  toHex
} from "./cli-chunks/chunk-Y6ML42PT.js";
import {
  FormatError,
  MAX_JSON_BYTES,
  MAX_PEM_BYTES,
  UserError,
  VerificationError,
  cleanUpOnSignals,
  errorLine,
  errorMessage,
  makeTempDir,
  openRegularFile,
  parseJsonBounded,
  quoted,
  readJsonFile,
  readRegularFile,
  readRegularText,
  removeTempDir
} from "./cli-chunks/chunk-7UVRZBVQ.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./cli-chunks/chunk-LWSQTYNC.js";

// node_modules/commander/lib/error.js
var require_error = __commonJS({
  "node_modules/commander/lib/error.js"(exports) {
    var CommanderError2 = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode, code, message) {
        super(message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
        this.code = code;
        this.exitCode = exitCode;
        this.nestedError = void 0;
      }
    };
    var InvalidArgumentError2 = class extends CommanderError2 {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message) {
        super(1, "commander.invalidArgument", message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
      }
    };
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/lib/argument.js
var require_argument = __commonJS({
  "node_modules/commander/lib/argument.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Argument2 = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        this.description = description || "";
        this.variadic = false;
        this.parseArg = void 0;
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.argChoices = void 0;
        switch (name[0]) {
          case "<":
            this.required = true;
            this._name = name.slice(1, -1);
            break;
          case "[":
            this.required = false;
            this._name = name.slice(1, -1);
            break;
          default:
            this.required = true;
            this._name = name;
            break;
        }
        if (this._name.endsWith("...")) {
          this.variadic = true;
          this._name = this._name.slice(0, -3);
        }
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        this.required = true;
        return this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        this.required = false;
        return this;
      }
    };
    function humanReadableArgName(arg) {
      const nameOutput = arg.name() + (arg.variadic === true ? "..." : "");
      return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
    }
    exports.Argument = Argument2;
    exports.humanReadableArgName = humanReadableArgName;
  }
});

// node_modules/commander/lib/help.js
var require_help = __commonJS({
  "node_modules/commander/lib/help.js"(exports) {
    var { humanReadableArgName } = require_argument();
    var Help2 = class {
      constructor() {
        this.helpWidth = void 0;
        this.minWidthToWrap = 40;
        this.sortSubcommands = false;
        this.sortOptions = false;
        this.showGlobalOptions = false;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        const visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden);
        const helpCommand = cmd._getHelpCommand();
        if (helpCommand && !helpCommand._hidden) {
          visibleCommands.push(helpCommand);
        }
        if (this.sortSubcommands) {
          visibleCommands.sort((a, b) => {
            return a.name().localeCompare(b.name());
          });
        }
        return visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        const getSortKey = (option) => {
          return option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
        };
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        const visibleOptions = cmd.options.filter((option) => !option.hidden);
        const helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          const removeShort = helpOption.short && cmd._findOption(helpOption.short);
          const removeLong = helpOption.long && cmd._findOption(helpOption.long);
          if (!removeShort && !removeLong) {
            visibleOptions.push(helpOption);
          } else if (helpOption.long && !removeLong) {
            visibleOptions.push(
              cmd.createOption(helpOption.long, helpOption.description)
            );
          } else if (helpOption.short && !removeShort) {
            visibleOptions.push(
              cmd.createOption(helpOption.short, helpOption.description)
            );
          }
        }
        if (this.sortOptions) {
          visibleOptions.sort(this.compareOptions);
        }
        return visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        const globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          const visibleOptions = ancestorCmd.options.filter(
            (option) => !option.hidden
          );
          globalOptions.push(...visibleOptions);
        }
        if (this.sortOptions) {
          globalOptions.sort(this.compareOptions);
        }
        return globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        if (cmd._argsDescription) {
          cmd.registeredArguments.forEach((argument) => {
            argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
          });
        }
        if (cmd.registeredArguments.find((argument) => argument.description)) {
          return cmd.registeredArguments;
        }
        return [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        const args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
        return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
        (args ? " " + args : "");
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleSubcommandTerm(helper.subcommandTerm(command))
            )
          );
        }, 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleArgumentTerm(helper.argumentTerm(argument))
            )
          );
        }, 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        if (cmd._aliases[0]) {
          cmdName = cmdName + "|" + cmd._aliases[0];
        }
        let ancestorCmdNames = "";
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
        }
        return ancestorCmdNames + cmdName + " " + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        const extraInfo = [];
        if (option.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (option.defaultValue !== void 0) {
          const showDefault = option.required || option.optional || option.isBoolean() && typeof option.defaultValue === "boolean";
          if (showDefault) {
            extraInfo.push(
              `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
            );
          }
        }
        if (option.presetArg !== void 0 && option.optional) {
          extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
        }
        if (option.envVar !== void 0) {
          extraInfo.push(`env: ${option.envVar}`);
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (option.description) {
            return `${option.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        const extraInfo = [];
        if (argument.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (argument.defaultValue !== void 0) {
          extraInfo.push(
            `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
          );
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (argument.description) {
            return `${argument.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return argument.description;
      }
      /**
       * Format a list of items, given a heading and an array of formatted items.
       *
       * @param {string} heading
       * @param {string[]} items
       * @param {Help} helper
       * @returns string[]
       */
      formatItemList(heading, items, helper) {
        if (items.length === 0) return [];
        return [helper.styleTitle(heading), ...items, ""];
      }
      /**
       * Group items by their help group heading.
       *
       * @param {Command[] | Option[]} unsortedItems
       * @param {Command[] | Option[]} visibleItems
       * @param {Function} getGroup
       * @returns {Map<string, Command[] | Option[]>}
       */
      groupItems(unsortedItems, visibleItems, getGroup) {
        const result = /* @__PURE__ */ new Map();
        unsortedItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) result.set(group, []);
        });
        visibleItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) {
            result.set(group, []);
          }
          result.get(group).push(item);
        });
        return result;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        const termWidth = helper.padWidth(cmd, helper);
        const helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output = [
          `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
          ""
        ];
        const commandDescription = helper.commandDescription(cmd);
        if (commandDescription.length > 0) {
          output = output.concat([
            helper.boxWrap(
              helper.styleCommandDescription(commandDescription),
              helpWidth
            ),
            ""
          ]);
        }
        const argumentList = helper.visibleArguments(cmd).map((argument) => {
          return callFormatItem(
            helper.styleArgumentTerm(helper.argumentTerm(argument)),
            helper.styleArgumentDescription(helper.argumentDescription(argument))
          );
        });
        output = output.concat(
          this.formatItemList("Arguments:", argumentList, helper)
        );
        const optionGroups = this.groupItems(
          cmd.options,
          helper.visibleOptions(cmd),
          (option) => option.helpGroupHeading ?? "Options:"
        );
        optionGroups.forEach((options, group) => {
          const optionList = options.map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(this.formatItemList(group, optionList, helper));
        });
        if (helper.showGlobalOptions) {
          const globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(
            this.formatItemList("Global Options:", globalOptionList, helper)
          );
        }
        const commandGroups = this.groupItems(
          cmd.commands,
          helper.visibleCommands(cmd),
          (sub) => sub.helpGroup() || "Commands:"
        );
        commandGroups.forEach((commands, group) => {
          const commandList = commands.map((sub) => {
            return callFormatItem(
              helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
              helper.styleSubcommandDescription(helper.subcommandDescription(sub))
            );
          });
          output = output.concat(this.formatItemList(group, commandList, helper));
        });
        return output.join("\n");
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str) {
        return stripColor(str).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str) {
        return str;
      }
      styleUsage(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word === "[command]") return this.styleSubcommandText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleCommandText(word);
        }).join(" ");
      }
      styleCommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleOptionDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleSubcommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleArgumentDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleDescriptionText(str) {
        return str;
      }
      styleOptionTerm(str) {
        return this.styleOptionText(str);
      }
      styleSubcommandTerm(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleSubcommandText(word);
        }).join(" ");
      }
      styleArgumentTerm(str) {
        return this.styleArgumentText(str);
      }
      styleOptionText(str) {
        return str;
      }
      styleArgumentText(str) {
        return str;
      }
      styleSubcommandText(str) {
        return str;
      }
      styleCommandText(str) {
        return str;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper)
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str) {
        return /\n[^\S\r\n]/.test(str);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        const itemIndent = 2;
        const itemIndentStr = " ".repeat(itemIndent);
        if (!description) return itemIndentStr + term;
        const paddedTerm = term.padEnd(
          termWidth + term.length - helper.displayWidth(term)
        );
        const spacerWidth = 2;
        const helpWidth = this.helpWidth ?? 80;
        const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
        let formattedDescription;
        if (remainingWidth < this.minWidthToWrap || helper.preformatted(description)) {
          formattedDescription = description;
        } else {
          const wrappedDescription = helper.boxWrap(description, remainingWidth);
          formattedDescription = wrappedDescription.replace(
            /\n/g,
            "\n" + " ".repeat(termWidth + spacerWidth)
          );
        }
        return itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str, width) {
        if (width < this.minWidthToWrap) return str;
        const rawLines = str.split(/\r\n|\n/);
        const chunkPattern = /[\s]*[^\s]+/g;
        const wrappedLines = [];
        rawLines.forEach((line) => {
          const chunks = line.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push("");
            return;
          }
          let sumChunks = [chunks.shift()];
          let sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            const visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk);
              sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(""));
            const nextChunk = chunk.trimStart();
            sumChunks = [nextChunk];
            sumWidth = this.displayWidth(nextChunk);
          });
          wrappedLines.push(sumChunks.join(""));
        });
        return wrappedLines.join("\n");
      }
    };
    function stripColor(str) {
      const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
      return str.replace(sgrPattern, "");
    }
    exports.Help = Help2;
    exports.stripColor = stripColor;
  }
});

// node_modules/commander/lib/option.js
var require_option = __commonJS({
  "node_modules/commander/lib/option.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Option2 = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags;
        this.description = description || "";
        this.required = flags.includes("<");
        this.optional = flags.includes("[");
        this.variadic = /\w\.\.\.[>\]]$/.test(flags);
        this.mandatory = false;
        const optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag;
        this.long = optionFlags.longFlag;
        this.negate = false;
        if (this.long) {
          this.negate = this.long.startsWith("--no-");
        }
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.presetArg = void 0;
        this.envVar = void 0;
        this.parseArg = void 0;
        this.hidden = false;
        this.argChoices = void 0;
        this.conflictsWith = [];
        this.implied = void 0;
        this.helpGroupHeading = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        this.presetArg = arg;
        return this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        this.conflictsWith = this.conflictsWith.concat(names);
        return this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        if (typeof impliedOptionValues === "string") {
          newImplied = { [impliedOptionValues]: true };
        }
        this.implied = Object.assign(this.implied || {}, newImplied);
        return this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        this.envVar = name;
        return this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = true) {
        this.mandatory = !!mandatory;
        return this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = true) {
        this.hidden = !!hide;
        return this;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        if (this.long) {
          return this.long.replace(/^--/, "");
        }
        return this.short.replace(/^-/, "");
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        if (this.negate) {
          return camelcase(this.name().replace(/^no-/, ""));
        }
        return camelcase(this.name());
      }
      /**
       * Set the help group heading.
       *
       * @param {string} heading
       * @return {Option}
       */
      helpGroup(heading) {
        this.helpGroupHeading = heading;
        return this;
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    };
    var DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map();
        this.negativeOptions = /* @__PURE__ */ new Map();
        this.dualOptions = /* @__PURE__ */ new Set();
        options.forEach((option) => {
          if (option.negate) {
            this.negativeOptions.set(option.attributeName(), option);
          } else {
            this.positiveOptions.set(option.attributeName(), option);
          }
        });
        this.negativeOptions.forEach((value, key) => {
          if (this.positiveOptions.has(key)) {
            this.dualOptions.add(key);
          }
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        const optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return true;
        const preset = this.negativeOptions.get(optionKey).presetArg;
        const negativeValue = preset !== void 0 ? preset : false;
        return option.negate === (negativeValue === value);
      }
    };
    function camelcase(str) {
      return str.split("-").reduce((str2, word) => {
        return str2 + word[0].toUpperCase() + word.slice(1);
      });
    }
    function splitOptionFlags(flags) {
      let shortFlag;
      let longFlag;
      const shortFlagExp = /^-[^-]$/;
      const longFlagExp = /^--[^-]/;
      const flagParts = flags.split(/[ |,]+/).concat("guard");
      if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
      if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
      if (!shortFlag && shortFlagExp.test(flagParts[0]))
        shortFlag = flagParts.shift();
      if (!shortFlag && longFlagExp.test(flagParts[0])) {
        shortFlag = longFlag;
        longFlag = flagParts.shift();
      }
      if (flagParts[0].startsWith("-")) {
        const unsupportedFlag = flagParts[0];
        const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
        if (/^-[^-][^-]/.test(unsupportedFlag))
          throw new Error(
            `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
          );
        if (shortFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many short flags`);
        if (longFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many long flags`);
        throw new Error(`${baseError}
- unrecognised flag format`);
      }
      if (shortFlag === void 0 && longFlag === void 0)
        throw new Error(
          `option creation failed due to no flags found in '${flags}'.`
        );
      return { shortFlag, longFlag };
    }
    exports.Option = Option2;
    exports.DualOptions = DualOptions;
  }
});

// node_modules/commander/lib/suggestSimilar.js
var require_suggestSimilar = __commonJS({
  "node_modules/commander/lib/suggestSimilar.js"(exports) {
    var maxDistance = 3;
    function editDistance(a, b) {
      if (Math.abs(a.length - b.length) > maxDistance)
        return Math.max(a.length, b.length);
      const d = [];
      for (let i = 0; i <= a.length; i++) {
        d[i] = [i];
      }
      for (let j = 0; j <= b.length; j++) {
        d[0][j] = j;
      }
      for (let j = 1; j <= b.length; j++) {
        for (let i = 1; i <= a.length; i++) {
          let cost = 1;
          if (a[i - 1] === b[j - 1]) {
            cost = 0;
          } else {
            cost = 1;
          }
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            // deletion
            d[i][j - 1] + 1,
            // insertion
            d[i - 1][j - 1] + cost
            // substitution
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
      return d[a.length][b.length];
    }
    function suggestSimilar(word, candidates) {
      if (!candidates || candidates.length === 0) return "";
      candidates = Array.from(new Set(candidates));
      const searchingOptions = word.startsWith("--");
      if (searchingOptions) {
        word = word.slice(2);
        candidates = candidates.map((candidate) => candidate.slice(2));
      }
      let similar = [];
      let bestDistance = maxDistance;
      const minSimilarity = 0.4;
      candidates.forEach((candidate) => {
        if (candidate.length <= 1) return;
        const distance = editDistance(word, candidate);
        const length = Math.max(word.length, candidate.length);
        const similarity = (length - distance) / length;
        if (similarity > minSimilarity) {
          if (distance < bestDistance) {
            bestDistance = distance;
            similar = [candidate];
          } else if (distance === bestDistance) {
            similar.push(candidate);
          }
        }
      });
      similar.sort((a, b) => a.localeCompare(b));
      if (searchingOptions) {
        similar = similar.map((candidate) => `--${candidate}`);
      }
      if (similar.length > 1) {
        return `
(Did you mean one of ${similar.join(", ")}?)`;
      }
      if (similar.length === 1) {
        return `
(Did you mean ${similar[0]}?)`;
      }
      return "";
    }
    exports.suggestSimilar = suggestSimilar;
  }
});

// node_modules/commander/lib/command.js
var require_command = __commonJS({
  "node_modules/commander/lib/command.js"(exports) {
    var EventEmitter = __require("node:events").EventEmitter;
    var childProcess = __require("node:child_process");
    var path = __require("node:path");
    var fs = __require("node:fs");
    var process2 = __require("node:process");
    var { Argument: Argument2, humanReadableArgName } = require_argument();
    var { CommanderError: CommanderError2 } = require_error();
    var { Help: Help2, stripColor } = require_help();
    var { Option: Option2, DualOptions } = require_option();
    var { suggestSimilar } = require_suggestSimilar();
    var Command2 = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super();
        this.commands = [];
        this.options = [];
        this.parent = null;
        this._allowUnknownOption = false;
        this._allowExcessArguments = false;
        this.registeredArguments = [];
        this._args = this.registeredArguments;
        this.args = [];
        this.rawArgs = [];
        this.processedArgs = [];
        this._scriptPath = null;
        this._name = name || "";
        this._optionValues = {};
        this._optionValueSources = {};
        this._storeOptionsAsProperties = false;
        this._actionHandler = null;
        this._executableHandler = false;
        this._executableFile = null;
        this._executableDir = null;
        this._defaultCommandName = null;
        this._exitCallback = null;
        this._aliases = [];
        this._combineFlagAndOptionalValue = true;
        this._description = "";
        this._summary = "";
        this._argsDescription = void 0;
        this._enablePositionalOptions = false;
        this._passThroughOptions = false;
        this._lifeCycleHooks = {};
        this._showHelpAfterError = false;
        this._showSuggestionAfterError = true;
        this._savedState = null;
        this._outputConfiguration = {
          writeOut: (str) => process2.stdout.write(str),
          writeErr: (str) => process2.stderr.write(str),
          outputError: (str, write) => write(str),
          getOutHelpWidth: () => process2.stdout.isTTY ? process2.stdout.columns : void 0,
          getErrHelpWidth: () => process2.stderr.isTTY ? process2.stderr.columns : void 0,
          getOutHasColors: () => useColor() ?? (process2.stdout.isTTY && process2.stdout.hasColors?.()),
          getErrHasColors: () => useColor() ?? (process2.stderr.isTTY && process2.stderr.hasColors?.()),
          stripColor: (str) => stripColor(str)
        };
        this._hidden = false;
        this._helpOption = void 0;
        this._addImplicitHelpCommand = void 0;
        this._helpCommand = void 0;
        this._helpConfiguration = {};
        this._helpGroupHeading = void 0;
        this._defaultCommandGroup = void 0;
        this._defaultOptionGroup = void 0;
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        this._outputConfiguration = sourceCommand._outputConfiguration;
        this._helpOption = sourceCommand._helpOption;
        this._helpCommand = sourceCommand._helpCommand;
        this._helpConfiguration = sourceCommand._helpConfiguration;
        this._exitCallback = sourceCommand._exitCallback;
        this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
        this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue;
        this._allowExcessArguments = sourceCommand._allowExcessArguments;
        this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
        this._showHelpAfterError = sourceCommand._showHelpAfterError;
        this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;
        return this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        const result = [];
        for (let command = this; command; command = command.parent) {
          result.push(command);
        }
        return result;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc;
        let opts = execOpts;
        if (typeof desc === "object" && desc !== null) {
          opts = desc;
          desc = null;
        }
        opts = opts || {};
        const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const cmd = this.createCommand(name);
        if (desc) {
          cmd.description(desc);
          cmd._executableHandler = true;
        }
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        cmd._hidden = !!(opts.noHelp || opts.hidden);
        cmd._executableFile = opts.executableFile || null;
        if (args) cmd.arguments(args);
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd.copyInheritedSettings(this);
        if (desc) return this;
        return cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help2(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        if (configuration === void 0) return this._helpConfiguration;
        this._helpConfiguration = configuration;
        return this;
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        if (configuration === void 0) return this._outputConfiguration;
        this._outputConfiguration = {
          ...this._outputConfiguration,
          ...configuration
        };
        return this;
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = true) {
        if (typeof displayHelp !== "string") displayHelp = !!displayHelp;
        this._showHelpAfterError = displayHelp;
        return this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = true) {
        this._showSuggestionAfterError = !!displaySuggestion;
        return this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name) {
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        }
        opts = opts || {};
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        if (opts.noHelp || opts.hidden) cmd._hidden = true;
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd._checkForBrokenPassThrough();
        return this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument2(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom argument processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, parseArg, defaultValue) {
        const argument = this.createArgument(name, description);
        if (typeof parseArg === "function") {
          argument.default(defaultValue).argParser(parseArg);
        } else {
          argument.default(parseArg);
        }
        this.addArgument(argument);
        return this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        names.trim().split(/ +/).forEach((detail) => {
          this.argument(detail);
        });
        return this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        const previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument?.variadic) {
          throw new Error(
            `only the last argument can be variadic '${previousArgument.name()}'`
          );
        }
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0) {
          throw new Error(
            `a default value for a required argument is never used: '${argument.name()}'`
          );
        }
        this.registeredArguments.push(argument);
        return this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs === "boolean") {
          this._addImplicitHelpCommand = enableOrNameAndArgs;
          if (enableOrNameAndArgs && this._defaultCommandGroup) {
            this._initCommandGroup(this._getHelpCommand());
          }
          return this;
        }
        const nameAndArgs = enableOrNameAndArgs ?? "help [command]";
        const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const helpDescription = description ?? "display help for command";
        const helpCommand = this.createCommand(helpName);
        helpCommand.helpOption(false);
        if (helpArgs) helpCommand.arguments(helpArgs);
        if (helpDescription) helpCommand.description(helpDescription);
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        if (typeof helpCommand !== "object") {
          this.helpCommand(helpCommand, deprecatedDescription);
          return this;
        }
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        const hasImplicitHelpCommand = this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help"));
        if (hasImplicitHelpCommand) {
          if (this._helpCommand === void 0) {
            this.helpCommand(void 0, void 0);
          }
          return this._helpCommand;
        }
        return null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event, listener) {
        const allowedValues = ["preSubcommand", "preAction", "postAction"];
        if (!allowedValues.includes(event)) {
          throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        if (this._lifeCycleHooks[event]) {
          this._lifeCycleHooks[event].push(listener);
        } else {
          this._lifeCycleHooks[event] = [listener];
        }
        return this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        if (fn) {
          this._exitCallback = fn;
        } else {
          this._exitCallback = (err) => {
            if (err.code !== "commander.executeSubCommandAsync") {
              throw err;
            } else {
            }
          };
        }
        return this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode, code, message) {
        if (this._exitCallback) {
          this._exitCallback(new CommanderError2(exitCode, code, message));
        }
        process2.exit(exitCode);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        const listener = (args) => {
          const expectedArgsCount = this.registeredArguments.length;
          const actionArgs = args.slice(0, expectedArgsCount);
          if (this._storeOptionsAsProperties) {
            actionArgs[expectedArgsCount] = this;
          } else {
            actionArgs[expectedArgsCount] = this.opts();
          }
          actionArgs.push(this);
          return fn.apply(this, actionArgs);
        };
        this._actionHandler = listener;
        return this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option2(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target, value, previous, invalidArgumentMessage) {
        try {
          return target.parseArg(value, previous);
        } catch (err) {
          if (err.code === "commander.invalidArgument") {
            const message = `${invalidArgumentMessage} ${err.message}`;
            this.error(message, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        const matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
        if (matchingOption) {
          const matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this._initOptionGroup(option);
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command) {
        const knownBy = (cmd) => {
          return [cmd.name()].concat(cmd.aliases());
        };
        const alreadyUsed = knownBy(command).find(
          (name) => this._findCommand(name)
        );
        if (alreadyUsed) {
          const existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|");
          const newCmd = knownBy(command).join("|");
          throw new Error(
            `cannot add command '${newCmd}' as already have command '${existingCmd}'`
          );
        }
        this._initCommandGroup(command);
        this.commands.push(command);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        const oname = option.name();
        const name = option.attributeName();
        if (option.negate) {
          const positiveLongFlag = option.long.replace(/^--no-/, "--");
          if (!this._findOption(positiveLongFlag)) {
            this.setOptionValueWithSource(
              name,
              option.defaultValue === void 0 ? true : option.defaultValue,
              "default"
            );
          }
        } else if (option.defaultValue !== void 0) {
          this.setOptionValueWithSource(name, option.defaultValue, "default");
        }
        const handleOptionValue = (val, invalidValueMessage, valueSource) => {
          if (val == null && option.presetArg !== void 0) {
            val = option.presetArg;
          }
          const oldValue = this.getOptionValue(name);
          if (val !== null && option.parseArg) {
            val = this._callParseArg(option, val, oldValue, invalidValueMessage);
          } else if (val !== null && option.variadic) {
            val = option._collectValue(val, oldValue);
          }
          if (val == null) {
            if (option.negate) {
              val = false;
            } else if (option.isBoolean() || option.optional) {
              val = true;
            } else {
              val = "";
            }
          }
          this.setOptionValueWithSource(name, val, valueSource);
        };
        this.on("option:" + oname, (val) => {
          const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "cli");
        });
        if (option.envVar) {
          this.on("optionEnv:" + oname, (val) => {
            const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
            handleOptionValue(val, invalidValueMessage, "env");
          });
        }
        return this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags === "object" && flags instanceof Option2) {
          throw new Error(
            "To add an Option object use addOption() instead of option() or requiredOption()"
          );
        }
        const option = this.createOption(flags, description);
        option.makeOptionMandatory(!!config.mandatory);
        if (typeof fn === "function") {
          option.default(defaultValue).argParser(fn);
        } else if (fn instanceof RegExp) {
          const regex = fn;
          fn = (val, def) => {
            const m = regex.exec(val);
            return m ? m[0] : def;
          };
          option.default(defaultValue).argParser(fn);
        } else {
          option.default(fn);
        }
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx(
          { mandatory: true },
          flags,
          description,
          parseArg,
          defaultValue
        );
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = true) {
        this._combineFlagAndOptionalValue = !!combine;
        return this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = true) {
        this._allowUnknownOption = !!allowUnknown;
        return this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = true) {
        this._allowExcessArguments = !!allowExcess;
        return this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = true) {
        this._enablePositionalOptions = !!positional;
        return this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = true) {
        this._passThroughOptions = !!passThrough;
        this._checkForBrokenPassThrough();
        return this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions) {
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
          );
        }
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = true) {
        if (this.options.length) {
          throw new Error("call .storeOptionsAsProperties() before adding options");
        }
        if (Object.keys(this._optionValues).length) {
          throw new Error(
            "call .storeOptionsAsProperties() before setting option values"
          );
        }
        this._storeOptionsAsProperties = !!storeAsProperties;
        return this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key) {
        if (this._storeOptionsAsProperties) {
          return this[key];
        }
        return this._optionValues[key];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key, value) {
        return this.setOptionValueWithSource(key, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key, value, source) {
        if (this._storeOptionsAsProperties) {
          this[key] = value;
        } else {
          this._optionValues[key] = value;
        }
        this._optionValueSources[key] = source;
        return this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key) {
        return this._optionValueSources[key];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key) {
        let source;
        this._getCommandAndAncestors().forEach((cmd) => {
          if (cmd.getOptionValueSource(key) !== void 0) {
            source = cmd.getOptionValueSource(key);
          }
        });
        return source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv)) {
          throw new Error("first parameter to parse must be array or undefined");
        }
        parseOptions = parseOptions || {};
        if (argv === void 0 && parseOptions.from === void 0) {
          if (process2.versions?.electron) {
            parseOptions.from = "electron";
          }
          const execArgv = process2.execArgv ?? [];
          if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) {
            parseOptions.from = "eval";
          }
        }
        if (argv === void 0) {
          argv = process2.argv;
        }
        this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case "node":
            this._scriptPath = argv[1];
            userArgs = argv.slice(2);
            break;
          case "electron":
            if (process2.defaultApp) {
              this._scriptPath = argv[1];
              userArgs = argv.slice(2);
            } else {
              userArgs = argv.slice(1);
            }
            break;
          case "user":
            userArgs = argv.slice(0);
            break;
          case "eval":
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(
              `unexpected parse option { from: '${parseOptions.from}' }`
            );
        }
        if (!this._name && this._scriptPath)
          this.nameFromFilename(this._scriptPath);
        this._name = this._name || "program";
        return userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        this._parseCommand([], userArgs);
        return this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        await this._parseCommand([], userArgs);
        return this;
      }
      _prepareForParse() {
        if (this._savedState === null) {
          this.saveStateBeforeParse();
        } else {
          this.restoreStateBeforeParse();
        }
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources }
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name;
        this._scriptPath = null;
        this.rawArgs = [];
        this._optionValues = { ...this._savedState._optionValues };
        this._optionValueSources = { ...this._savedState._optionValueSources };
        this.args = [];
        this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs.existsSync(executableFile)) return;
        const executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory";
        const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args) {
        args = args.slice();
        let launchWithNode = false;
        const sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
        function findFile(baseDir, baseName) {
          const localBin = path.resolve(baseDir, baseName);
          if (fs.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path.extname(baseName))) return void 0;
          const foundExt = sourceExt.find(
            (ext) => fs.existsSync(`${localBin}${ext}`)
          );
          if (foundExt) return `${localBin}${foundExt}`;
          return void 0;
        }
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`;
        let executableDir = this._executableDir || "";
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path.resolve(
            path.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            const legacyName = path.basename(
              this._scriptPath,
              path.extname(this._scriptPath)
            );
            if (legacyName !== this._name) {
              localFile = findFile(
                executableDir,
                `${legacyName}-${subcommand._name}`
              );
            }
          }
          executableFile = localFile || executableFile;
        }
        launchWithNode = sourceExt.includes(path.extname(executableFile));
        let proc;
        if (process2.platform !== "win32") {
          if (launchWithNode) {
            args.unshift(executableFile);
            args = incrementNodeInspectorPort(process2.execArgv).concat(args);
            proc = childProcess.spawn(process2.argv[0], args, { stdio: "inherit" });
          } else {
            proc = childProcess.spawn(executableFile, args, { stdio: "inherit" });
          }
        } else {
          this._checkForMissingExecutable(
            executableFile,
            executableDir,
            subcommand._name
          );
          args.unshift(executableFile);
          args = incrementNodeInspectorPort(process2.execArgv).concat(args);
          proc = childProcess.spawn(process2.execPath, args, { stdio: "inherit" });
        }
        if (!proc.killed) {
          const signals = ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"];
          signals.forEach((signal) => {
            process2.on(signal, () => {
              if (proc.killed === false && proc.exitCode === null) {
                proc.kill(signal);
              }
            });
          });
        }
        const exitCallback = this._exitCallback;
        proc.on("close", (code) => {
          code = code ?? 1;
          if (!exitCallback) {
            process2.exit(code);
          } else {
            exitCallback(
              new CommanderError2(
                code,
                "commander.executeSubCommandAsync",
                "(close)"
              )
            );
          }
        });
        proc.on("error", (err) => {
          if (err.code === "ENOENT") {
            this._checkForMissingExecutable(
              executableFile,
              executableDir,
              subcommand._name
            );
          } else if (err.code === "EACCES") {
            throw new Error(`'${executableFile}' not executable`);
          }
          if (!exitCallback) {
            process2.exit(1);
          } else {
            const wrappedError = new CommanderError2(
              1,
              "commander.executeSubCommandAsync",
              "(error)"
            );
            wrappedError.nestedError = err;
            exitCallback(wrappedError);
          }
        });
        this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        const subCommand = this._findCommand(commandName);
        if (!subCommand) this.help({ error: true });
        subCommand._prepareForParse();
        let promiseChain;
        promiseChain = this._chainOrCallSubCommandHook(
          promiseChain,
          subCommand,
          "preSubcommand"
        );
        promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler) {
            this._executeSubCommand(subCommand, operands.concat(unknown));
          } else {
            return subCommand._parseCommand(operands, unknown);
          }
        });
        return promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        if (!subcommandName) {
          this.help();
        }
        const subCommand = this._findCommand(subcommandName);
        if (subCommand && !subCommand._executableHandler) {
          subCommand.help();
        }
        return this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          if (arg.required && this.args[i] == null) {
            this.missingArgument(arg.name());
          }
        });
        if (this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) {
          return;
        }
        if (this.args.length > this.registeredArguments.length) {
          this._excessArguments(this.args);
        }
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        const myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(
              argument,
              value,
              previous,
              invalidValueMessage
            );
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        const processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index) => {
          let value = declaredArg.defaultValue;
          if (declaredArg.variadic) {
            if (index < this.args.length) {
              value = this.args.slice(index);
              if (declaredArg.parseArg) {
                value = value.reduce((processed, v) => {
                  return myParseArg(declaredArg, v, processed);
                }, declaredArg.defaultValue);
              }
            } else if (value === void 0) {
              value = [];
            }
          } else if (index < this.args.length) {
            value = this.args[index];
            if (declaredArg.parseArg) {
              value = myParseArg(declaredArg, value, declaredArg.defaultValue);
            }
          }
          processedArgs[index] = value;
        });
        this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        if (promise?.then && typeof promise.then === "function") {
          return promise.then(() => fn());
        }
        return fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event) {
        let result = promise;
        const hooks = [];
        this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event] !== void 0).forEach((hookedCommand) => {
          hookedCommand._lifeCycleHooks[event].forEach((callback) => {
            hooks.push({ hookedCommand, callback });
          });
        });
        if (event === "postAction") {
          hooks.reverse();
        }
        hooks.forEach((hookDetail) => {
          result = this._chainOrCall(result, () => {
            return hookDetail.callback(hookDetail.hookedCommand, this);
          });
        });
        return result;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event) {
        let result = promise;
        if (this._lifeCycleHooks[event] !== void 0) {
          this._lifeCycleHooks[event].forEach((hook) => {
            result = this._chainOrCall(result, () => {
              return hook(this, subCommand);
            });
          });
        }
        return result;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        const parsed = this.parseOptions(unknown);
        this._parseOptionsEnv();
        this._parseOptionsImplied();
        operands = operands.concat(parsed.operands);
        unknown = parsed.unknown;
        this.args = operands.concat(unknown);
        if (operands && this._findCommand(operands[0])) {
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        }
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name()) {
          return this._dispatchHelpCommand(operands[1]);
        }
        if (this._defaultCommandName) {
          this._outputHelpIfRequested(unknown);
          return this._dispatchSubcommand(
            this._defaultCommandName,
            operands,
            unknown
          );
        }
        if (this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName) {
          this.help({ error: true });
        }
        this._outputHelpIfRequested(parsed.unknown);
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        const checkForUnknownOptions = () => {
          if (parsed.unknown.length > 0) {
            this.unknownOption(parsed.unknown[0]);
          }
        };
        const commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions();
          this._processArguments();
          let promiseChain;
          promiseChain = this._chainOrCallHooks(promiseChain, "preAction");
          promiseChain = this._chainOrCall(
            promiseChain,
            () => this._actionHandler(this.processedArgs)
          );
          if (this.parent) {
            promiseChain = this._chainOrCall(promiseChain, () => {
              this.parent.emit(commandEvent, operands, unknown);
            });
          }
          promiseChain = this._chainOrCallHooks(promiseChain, "postAction");
          return promiseChain;
        }
        if (this.parent?.listenerCount(commandEvent)) {
          checkForUnknownOptions();
          this._processArguments();
          this.parent.emit(commandEvent, operands, unknown);
        } else if (operands.length) {
          if (this._findCommand("*")) {
            return this._dispatchSubcommand("*", operands, unknown);
          }
          if (this.listenerCount("command:*")) {
            this.emit("command:*", operands, unknown);
          } else if (this.commands.length) {
            this.unknownCommand();
          } else {
            checkForUnknownOptions();
            this._processArguments();
          }
        } else if (this.commands.length) {
          checkForUnknownOptions();
          this.help({ error: true });
        } else {
          checkForUnknownOptions();
          this._processArguments();
        }
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (!name) return void 0;
        return this.commands.find(
          (cmd) => cmd._name === name || cmd._aliases.includes(name)
        );
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            if (anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0) {
              cmd.missingMandatoryOptionValue(anOption);
            }
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        const definedNonDefaultOptions = this.options.filter((option) => {
          const optionKey = option.attributeName();
          if (this.getOptionValue(optionKey) === void 0) {
            return false;
          }
          return this.getOptionValueSource(optionKey) !== "default";
        });
        const optionsWithConflicting = definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0
        );
        optionsWithConflicting.forEach((option) => {
          const conflictingAndDefined = definedNonDefaultOptions.find(
            (defined) => option.conflictsWith.includes(defined.attributeName())
          );
          if (conflictingAndDefined) {
            this._conflictingOption(option, conflictingAndDefined);
          }
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} args
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(args) {
        const operands = [];
        const unknown = [];
        let dest = operands;
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === "-";
        }
        const negativeNumberArg = (arg) => {
          if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
          return !this._getCommandAndAncestors().some(
            (cmd) => cmd.options.map((opt) => opt.short).some((short2) => /^-\d$/.test(short2))
          );
        };
        let activeVariadicOption = null;
        let activeGroup = null;
        let i = 0;
        while (i < args.length || activeGroup) {
          const arg = activeGroup ?? args[i++];
          activeGroup = null;
          if (arg === "--") {
            if (dest === unknown) dest.push(arg);
            dest.push(...args.slice(i));
            break;
          }
          if (activeVariadicOption && (!maybeOption(arg) || negativeNumberArg(arg))) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          activeVariadicOption = null;
          if (maybeOption(arg)) {
            const option = this._findOption(arg);
            if (option) {
              if (option.required) {
                const value = args[i++];
                if (value === void 0) this.optionMissingArgument(option);
                this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                if (i < args.length && (!maybeOption(args[i]) || negativeNumberArg(args[i]))) {
                  value = args[i++];
                }
                this.emit(`option:${option.name()}`, value);
              } else {
                this.emit(`option:${option.name()}`);
              }
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
            const option = this._findOption(`-${arg[1]}`);
            if (option) {
              if (option.required || option.optional && this._combineFlagAndOptionalValue) {
                this.emit(`option:${option.name()}`, arg.slice(2));
              } else {
                this.emit(`option:${option.name()}`);
                activeGroup = `-${arg.slice(2)}`;
              }
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            const index = arg.indexOf("=");
            const option = this._findOption(arg.slice(0, index));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index + 1));
              continue;
            }
          }
          if (dest === operands && maybeOption(arg) && !(this.commands.length === 0 && negativeNumberArg(arg))) {
            dest = unknown;
          }
          if ((this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
            if (this._findCommand(arg)) {
              operands.push(arg);
              unknown.push(...args.slice(i));
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg, ...args.slice(i));
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg, ...args.slice(i));
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg, ...args.slice(i));
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          const result = {};
          const len = this.options.length;
          for (let i = 0; i < len; i++) {
            const key = this.options[i].attributeName();
            result[key] = key === this._versionOptionName ? this._version : this[key];
          }
          return result;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {}
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message, errorOptions) {
        this._outputConfiguration.outputError(
          `${message}
`,
          this._outputConfiguration.writeErr
        );
        if (typeof this._showHelpAfterError === "string") {
          this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`);
        } else if (this._showHelpAfterError) {
          this._outputConfiguration.writeErr("\n");
          this.outputHelp({ error: true });
        }
        const config = errorOptions || {};
        const exitCode = config.exitCode || 1;
        const code = config.code || "commander.error";
        this._exit(exitCode, code, message);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process2.env) {
            const optionKey = option.attributeName();
            if (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
              this.getOptionValueSource(optionKey)
            )) {
              if (option.required || option.optional) {
                this.emit(`optionEnv:${option.name()}`, process2.env[option.envVar]);
              } else {
                this.emit(`optionEnv:${option.name()}`);
              }
            }
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        const dualHelper = new DualOptions(this.options);
        const hasCustomOptionValue = (optionKey) => {
          return this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
        };
        this.options.filter(
          (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option
          )
        ).forEach((option) => {
          Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              "implied"
            );
          });
        });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        const message = `error: missing required argument '${name}'`;
        this.error(message, { code: "commander.missingArgument" });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        const message = `error: option '${option.flags}' argument missing`;
        this.error(message, { code: "commander.optionMissingArgument" });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        const message = `error: required option '${option.flags}' not specified`;
        this.error(message, { code: "commander.missingMandatoryOptionValue" });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        const findBestOptionFromValue = (option2) => {
          const optionKey = option2.attributeName();
          const optionValue = this.getOptionValue(optionKey);
          const negativeOption = this.options.find(
            (target) => target.negate && optionKey === target.attributeName()
          );
          const positiveOption = this.options.find(
            (target) => !target.negate && optionKey === target.attributeName()
          );
          if (negativeOption && (negativeOption.presetArg === void 0 && optionValue === false || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg)) {
            return negativeOption;
          }
          return positiveOption || option2;
        };
        const getErrorMessage = (option2) => {
          const bestOption = findBestOptionFromValue(option2);
          const optionKey = bestOption.attributeName();
          const source = this.getOptionValueSource(optionKey);
          if (source === "env") {
            return `environment variable '${bestOption.envVar}'`;
          }
          return `option '${bestOption.flags}'`;
        };
        const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message, { code: "commander.conflictingOption" });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag) {
        if (this._allowUnknownOption) return;
        let suggestion = "";
        if (flag.startsWith("--") && this._showSuggestionAfterError) {
          let candidateFlags = [];
          let command = this;
          do {
            const moreFlags = command.createHelp().visibleOptions(command).filter((option) => option.long).map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags);
            command = command.parent;
          } while (command && !command._enablePositionalOptions);
          suggestion = suggestSimilar(flag, candidateFlags);
        }
        const message = `error: unknown option '${flag}'${suggestion}`;
        this.error(message, { code: "commander.unknownOption" });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        const expected = this.registeredArguments.length;
        const s = expected === 1 ? "" : "s";
        const forSubcommand = this.parent ? ` for '${this.name()}'` : "";
        const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
        this.error(message, { code: "commander.excessArguments" });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        const unknownName = this.args[0];
        let suggestion = "";
        if (this._showSuggestionAfterError) {
          const candidateNames = [];
          this.createHelp().visibleCommands(this).forEach((command) => {
            candidateNames.push(command.name());
            if (command.alias()) candidateNames.push(command.alias());
          });
          suggestion = suggestSimilar(unknownName, candidateNames);
        }
        const message = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message, { code: "commander.unknownCommand" });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str, flags, description) {
        if (str === void 0) return this._version;
        this._version = str;
        flags = flags || "-V, --version";
        description = description || "output the version number";
        const versionOption = this.createOption(flags, description);
        this._versionOptionName = versionOption.attributeName();
        this._registerOption(versionOption);
        this.on("option:" + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str}
`);
          this._exit(0, "commander.version", str);
        });
        return this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str, argsDescription) {
        if (str === void 0 && argsDescription === void 0)
          return this._description;
        this._description = str;
        if (argsDescription) {
          this._argsDescription = argsDescription;
        }
        return this;
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str) {
        if (str === void 0) return this._summary;
        this._summary = str;
        return this;
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler) {
          command = this.commands[this.commands.length - 1];
        }
        if (alias === command._name)
          throw new Error("Command alias can't be the same as its name");
        const matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          const existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
          );
        }
        command._aliases.push(alias);
        return this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        if (aliases === void 0) return this._aliases;
        aliases.forEach((alias) => this.alias(alias));
        return this;
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str) {
        if (str === void 0) {
          if (this._usage) return this._usage;
          const args = this.registeredArguments.map((arg) => {
            return humanReadableArgName(arg);
          });
          return [].concat(
            this.options.length || this._helpOption !== null ? "[options]" : [],
            this.commands.length ? "[command]" : [],
            this.registeredArguments.length ? args : []
          ).join(" ");
        }
        this._usage = str;
        return this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str) {
        if (str === void 0) return this._name;
        this._name = str;
        return this;
      }
      /**
       * Set/get the help group heading for this subcommand in parent command's help.
       *
       * @param {string} [heading]
       * @return {Command | string}
       */
      helpGroup(heading) {
        if (heading === void 0) return this._helpGroupHeading ?? "";
        this._helpGroupHeading = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for subcommands added to this command.
       * (This does not override a group set directly on the subcommand using .helpGroup().)
       *
       * @example
       * program.commandsGroup('Development Commands:);
       * program.command('watch')...
       * program.command('lint')...
       * ...
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      commandsGroup(heading) {
        if (heading === void 0) return this._defaultCommandGroup ?? "";
        this._defaultCommandGroup = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for options added to this command.
       * (This does not override a group set directly on the option using .helpGroup().)
       *
       * @example
       * program
       *   .optionsGroup('Development Options:')
       *   .option('-d, --debug', 'output extra debugging')
       *   .option('-p, --profile', 'output profiling information')
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      optionsGroup(heading) {
        if (heading === void 0) return this._defaultOptionGroup ?? "";
        this._defaultOptionGroup = heading;
        return this;
      }
      /**
       * @param {Option} option
       * @private
       */
      _initOptionGroup(option) {
        if (this._defaultOptionGroup && !option.helpGroupHeading)
          option.helpGroup(this._defaultOptionGroup);
      }
      /**
       * @param {Command} cmd
       * @private
       */
      _initCommandGroup(cmd) {
        if (this._defaultCommandGroup && !cmd.helpGroup())
          cmd.helpGroup(this._defaultCommandGroup);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or require.main.filename, or __filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(require.main.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        this._name = path.basename(filename, path.extname(filename));
        return this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(__dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path2) {
        if (path2 === void 0) return this._executableDir;
        this._executableDir = path2;
        return this;
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        const helper = this.createHelp();
        const context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors
        });
        const text = helper.formatHelp(this, helper);
        if (context.hasColors) return text;
        return this._outputConfiguration.stripColor(text);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        const error = !!contextOptions.error;
        let baseWrite;
        let hasColors;
        let helpWidth;
        if (error) {
          baseWrite = (str) => this._outputConfiguration.writeErr(str);
          hasColors = this._outputConfiguration.getErrHasColors();
          helpWidth = this._outputConfiguration.getErrHelpWidth();
        } else {
          baseWrite = (str) => this._outputConfiguration.writeOut(str);
          hasColors = this._outputConfiguration.getOutHasColors();
          helpWidth = this._outputConfiguration.getOutHelpWidth();
        }
        const write = (str) => {
          if (!hasColors) str = this._outputConfiguration.stripColor(str);
          return baseWrite(str);
        };
        return { error, write, hasColors, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        if (typeof contextOptions === "function") {
          deprecatedCallback = contextOptions;
          contextOptions = void 0;
        }
        const outputContext = this._getOutputContext(contextOptions);
        const eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this
        };
        this._getCommandAndAncestors().reverse().forEach((command) => command.emit("beforeAllHelp", eventContext));
        this.emit("beforeHelp", eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback) {
          helpInformation = deprecatedCallback(helpInformation);
          if (typeof helpInformation !== "string" && !Buffer.isBuffer(helpInformation)) {
            throw new Error("outputHelp callback must return a string or a Buffer");
          }
        }
        outputContext.write(helpInformation);
        if (this._getHelpOption()?.long) {
          this.emit(this._getHelpOption().long);
        }
        this.emit("afterHelp", eventContext);
        this._getCommandAndAncestors().forEach(
          (command) => command.emit("afterAllHelp", eventContext)
        );
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help' 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        if (typeof flags === "boolean") {
          if (flags) {
            if (this._helpOption === null) this._helpOption = void 0;
            if (this._defaultOptionGroup) {
              this._initOptionGroup(this._getHelpOption());
            }
          } else {
            this._helpOption = null;
          }
          return this;
        }
        this._helpOption = this.createOption(
          flags ?? "-h, --help",
          description ?? "display help for command"
        );
        if (flags || description) this._initOptionGroup(this._helpOption);
        return this;
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        if (this._helpOption === void 0) {
          this.helpOption(void 0, void 0);
        }
        return this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        this._helpOption = option;
        this._initOptionGroup(option);
        return this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode = Number(process2.exitCode ?? 0);
        if (exitCode === 0 && contextOptions && typeof contextOptions !== "function" && contextOptions.error) {
          exitCode = 1;
        }
        this._exit(exitCode, "commander.help", "(outputHelp)");
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text) {
        const allowedValues = ["beforeAll", "before", "after", "afterAll"];
        if (!allowedValues.includes(position)) {
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        const helpEvent = `${position}Help`;
        this.on(helpEvent, (context) => {
          let helpStr;
          if (typeof text === "function") {
            helpStr = text({ error: context.error, command: context.command });
          } else {
            helpStr = text;
          }
          if (helpStr) {
            context.write(`${helpStr}
`);
          }
        });
        return this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args) {
        const helpOption = this._getHelpOption();
        const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
        if (helpRequested) {
          this.outputHelp();
          this._exit(0, "commander.helpDisplayed", "(outputHelp)");
        }
      }
    };
    function incrementNodeInspectorPort(args) {
      return args.map((arg) => {
        if (!arg.startsWith("--inspect")) {
          return arg;
        }
        let debugOption;
        let debugHost = "127.0.0.1";
        let debugPort = "9229";
        let match;
        if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
          debugOption = match[1];
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null) {
          debugOption = match[1];
          if (/^\d+$/.test(match[3])) {
            debugPort = match[3];
          } else {
            debugHost = match[3];
          }
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null) {
          debugOption = match[1];
          debugHost = match[3];
          debugPort = match[4];
        }
        if (debugOption && debugPort !== "0") {
          return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
        }
        return arg;
      });
    }
    function useColor() {
      if (process2.env.NO_COLOR || process2.env.FORCE_COLOR === "0" || process2.env.FORCE_COLOR === "false")
        return false;
      if (process2.env.FORCE_COLOR || process2.env.CLICOLOR_FORCE !== void 0)
        return true;
      return void 0;
    }
    exports.Command = Command2;
    exports.useColor = useColor;
  }
});

// node_modules/commander/index.js
var require_commander = __commonJS({
  "node_modules/commander/index.js"(exports) {
    var { Argument: Argument2 } = require_argument();
    var { Command: Command2 } = require_command();
    var { CommanderError: CommanderError2, InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var { Help: Help2 } = require_help();
    var { Option: Option2 } = require_option();
    exports.program = new Command2();
    exports.createCommand = (name) => new Command2(name);
    exports.createOption = (flags, description) => new Option2(flags, description);
    exports.createArgument = (name, description) => new Argument2(name, description);
    exports.Command = Command2;
    exports.Option = Option2;
    exports.Argument = Argument2;
    exports.Help = Help2;
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
    exports.InvalidOptionArgumentError = InvalidArgumentError2;
  }
});

// src/io/young-generation.ts
import { setFlagsFromString } from "node:v8";
function keepYoungGenerationSmall() {
  setFlagsFromString("--semi-space-growth-factor=1");
}

// node_modules/commander/esm.mjs
var import_index = __toESM(require_commander(), 1);
var {
  program,
  createCommand,
  createArgument,
  createOption,
  CommanderError,
  InvalidArgumentError,
  InvalidOptionArgumentError,
  // deprecated old name
  Command,
  Argument,
  Option,
  Help
} = import_index.default;

// src/cli/commands/blobs.ts
import { existsSync } from "node:fs";

// src/build/blob-fetch.ts
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { lstat, mkdir, readdir, rename, rm, rmdir } from "node:fs/promises";
import { basename, dirname, isAbsolute, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
var DEFAULT_BLOB_TIMEOUT_MS = 6e4;
var BLOB_RECORD_FILE = "nitro-eif-blobs.json";
var BLOB_RECORD_SCHEMA = "nitro-eif-build/blobs@1";
function findBlobSet(name, what, code = "input", sets = knownBlobSets()) {
  const set = sets.find((s) => s.name === name);
  if (!set) throw new UserError(`${what}: unknown blob set ${JSON.stringify(name)} (known: ${sets.map((s) => s.name).join(", ")})`, { code });
  return set;
}
function parseBaseUrl(text, what, code = "input") {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`${what}: not a URL: ${JSON.stringify(redactUrl(text))}`, { code });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UserError(`${what}: expected an https:// (or http://) URL, got ${url.protocol}`, { code });
  if (url.search || url.hash) throw new UserError(`${what}: a base URL has no query or fragment`, { code });
  if (url.username || url.password) throw new UserError(`${what}: a user name or password in the URL is not supported`, { code });
  return text.replace(/\/+$/, "");
}
function redactUrl(text) {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1***@");
}
async function fetchBlobSet(options) {
  const { set, arch, outputDir } = options;
  const base = options.baseUrl === void 0 ? set.baseUrl : parseBaseUrl(options.baseUrl, "blob base URL");
  await requireEmptyOrAbsent(outputDir);
  await mkdir(dirname(outputDir), { recursive: true });
  const temp = await makeTempDir(dirname(outputDir), `.${basename(outputDir)}.partial-`);
  try {
    const files = [];
    for (const [name, pin] of Object.entries(set.files[arch])) {
      const url = `${base}/blobs/${arch}/${name}`;
      const digests = await download(url, join(temp, name), pin, options);
      const wrong = pinMismatch(pin, digests);
      if (wrong) throw new VerificationError(`blob ${name} (${set.name} ${arch}) from ${redactUrl(url)}: ${wrong.what} ${wrong.actual}, pinned ${wrong.expected}`);
      files.push({ name, ...digests });
    }
    const fetched = { set: set.name, arch, files };
    await writeFileAtomic(join(temp, BLOB_RECORD_FILE), `${JSON.stringify({ schema: BLOB_RECORD_SCHEMA, ...fetched }, null, 2)}
`);
    await rmdir(outputDir).catch(() => void 0);
    await rename(temp, outputDir).catch((error) => {
      const code = error.code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
      throw new UserError(`output directory ${outputDir} was filled by another process during the download`, { code: "conflict", cause: error });
    });
    await removeTempDir(temp);
    return { ...fetched, dir: outputDir };
  } catch (error) {
    await removeTempDir(temp);
    throw error;
  }
}
async function requireEmptyOrAbsent(dir) {
  const info = await lstat(dir).catch(() => void 0);
  if (!info) return;
  if (!info.isDirectory()) throw new UserError(`output directory ${dir} exists and is not a directory`, { code: "conflict" });
  if ((await readdir(dir)).length > 0) throw new UserError(`output directory ${dir} is not empty`, { code: "conflict" });
}
function blobCacheRoot(env, home) {
  const xdg = env["XDG_CACHE_HOME"];
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, ".cache"), "nitro-eif", "blobs");
}
async function cachedBlobSet(options) {
  const dir = join(options.cacheRoot, options.set.name, options.arch);
  if (await lstat(dir).then(() => true, () => false)) {
    try {
      await verifyBlobDir(dir, options.set, options.arch);
      return { dir, fromCache: true };
    } catch (error) {
      options.onDamaged?.(`cached blobs ${dir} are unusable, fetching them again: ${error.message}`);
      await rm(dir, { recursive: true, force: true });
    }
  }
  try {
    await fetchBlobSet({ ...options, outputDir: dir });
  } catch (error) {
    if (!(error instanceof UserError && error.code === "conflict")) throw error;
    await verifyBlobDir(dir, options.set, options.arch);
    return { dir, fromCache: true };
  }
  return { dir, fromCache: false };
}
async function verifyBlobDir(dir, set, arch) {
  const files = [];
  for (const [name, pin] of Object.entries(set.files[arch])) {
    const path = join(dir, name);
    const info = await lstat(path).catch((cause) => {
      throw new UserError(`blobs directory ${dir}: missing ${name}`, { code: "not-found", cause });
    });
    if (!info.isFile()) throw new UserError(`blob ${path} is not a regular file`);
    if (info.size > (pin.size ?? MAX_BLOB_SIZE)) throw new VerificationError(`blob ${name} (${set.name}) at ${path}: size ${info.size}, pinned ${pin.size ?? `at most ${MAX_BLOB_SIZE}`}`);
    const hashes = new BlobHashes(info.size);
    for await (const chunk of createReadStream(path)) hashes.update(chunk);
    const digests = hashes.digests();
    const wrong = pinMismatch(pin, digests);
    if (wrong) throw new VerificationError(`blob ${name} (${set.name} ${arch}) at ${path}: ${wrong.what} ${wrong.actual}, pinned ${wrong.expected}`);
    files.push({ name, ...digests });
  }
  return files;
}
var BlobHashes = class {
  constructor(expectedSize) {
    this.expectedSize = expectedSize;
    this.#git = expectedSize === void 0 ? void 0 : createHash("sha1").update(`blob ${expectedSize}\0`);
  }
  #sha384 = createHash("sha384");
  #sha256 = createHash("sha256");
  #git;
  #size = 0;
  get size() {
    return this.#size;
  }
  update(chunk) {
    this.#size += chunk.length;
    this.#sha384.update(chunk);
    this.#sha256.update(chunk);
    this.#git?.update(chunk);
  }
  /** `gitBlob` is empty when the size was not known up front (see `download`). */
  digests() {
    const gitBlob = this.#git && this.#size === this.expectedSize ? this.#git.digest("hex") : "";
    return { size: this.#size, sha384: this.#sha384.digest("hex"), sha256: this.#sha256.digest("hex"), gitBlob };
  }
};
async function download(url, path, pin, options) {
  const shown = redactUrl(url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_BLOB_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  let timer;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
  };
  const fail = (what, cause) => new UserError(`blob download ${shown}: ${timedOut ? `no answer for ${timeoutMs / 1e3} s (timed out)` : what}`, { code: "external", cause });
  arm();
  try {
    let response;
    try {
      response = await (options.fetch ?? fetch)(url, { signal: controller.signal, redirect: "follow" });
    } catch (error) {
      throw fail(`cannot connect (${causeText(error)})`, error);
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => void 0);
      throw fail(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
    }
    const limit = pin.size ?? MAX_BLOB_SIZE;
    const declared = contentLength(response.headers.get("content-length"));
    if (declared !== void 0 && declared > limit) throw fail(`the server announces ${declared} bytes, more than the ${limit} expected`);
    const hashes = new BlobHashes(pin.size ?? declared);
    const meter = new Transform({
      transform(chunk, _encoding, callback) {
        arm();
        if (hashes.size + chunk.length > limit) return callback(fail(`more than the ${limit} bytes expected`));
        hashes.update(chunk);
        callback(null, chunk);
      }
    });
    try {
      await pipeline(Readable.fromWeb(response.body), meter, createWriteStream(path, { flags: "wx", mode: 420 }));
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw fail(`the connection was cut after ${hashes.size} bytes (${causeText(error)})`, error);
    }
    if (declared !== void 0 && hashes.size !== declared) throw fail(`the connection was cut after ${hashes.size} of ${declared} bytes`);
    const digests = hashes.digests();
    return digests.gitBlob ? digests : { ...digests, gitBlob: await gitBlobOfFile(path, digests.size) };
  } finally {
    clearTimeout(timer);
  }
}
async function gitBlobOfFile(path, size) {
  const hash = createHash("sha1").update(`blob ${size}\0`);
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest("hex");
}
function contentLength(text) {
  return text !== null && /^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : void 0;
}
function causeText(error) {
  let current = error;
  let text = "unknown error";
  for (let depth = 0; current instanceof Error && depth < 4; depth++, current = current.cause) {
    const code = current.code;
    text = typeof code === "string" ? `${code}: ${current.message}` : current.message;
  }
  return text;
}

// src/cli/commands/blobs.ts
function register(program2) {
  const blobs = newCommand("blobs").enablePositionalOptions().description("Hash a blob set (kernel, cmdline, init, nsm.ko) and print its bootstrap ramdisk size and SHA-384").option("--blobs-dir <dir>", "blobs in nitro-cli layout", DEFAULT_BLOBS_DIR).option("--arch <arch>", "x86_64 or aarch64", "x86_64").option("--blobs-sha384 <file>", "check the blobs against this lock file (JSON, or sha384sum output)").option("--write-lock <file>", "write the blobs' SHA-384 as a lock file for build-enclave --blobs-sha384").action(async (flags) => {
    const arch = parseArch(flags.arch);
    if (flags.writeLock) await checkOutputPath(flags.writeLock, "--write-lock");
    if (blobs.getOptionValueSource("blobsDir") === "default") requireDefaultBlobsDir("or download AWS's public set with nitro-eif blobs fetch");
    const lock = flags.blobsSha384 ? await readBlobLock(flags.blobsSha384) : void 0;
    const set = await loadBlobs({ dir: flags.blobsDir, arch, lock });
    const report = await blobReport(set);
    if (flags.writeLock) await writeFileAtomic(flags.writeLock, `${JSON.stringify(report.sha384, null, 2)}
`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}
`);
  });
  blobs.addCommand(
    newCommand("fetch").description("Download a public blob set (e.g. aws-nitro-enclaves-cli@v1.5.0) and verify every file against the pins built into nitro-eif").requiredOption("--set <name>", "blob set, e.g. aws-nitro-enclaves-cli@v1.5.0").option("--arch <arch>", "x86_64 or aarch64", "x86_64").requiredOption("--output-dir <dir>", "where to write the blobs (must not exist or be empty; written only when all verified)").option("--base-url <url>", "mirror holding blobs/<arch>/<file> (default: the repository's raw files at the tag's commit)").option("--timeout <seconds>", "give up on a server silent this long", String(DEFAULT_BLOB_TIMEOUT_MS / 1e3)).action(async (flags) => {
      const set = findBlobSet(flags.set, "--set", "usage");
      if (flags.baseUrl !== void 0) parseBaseUrl(flags.baseUrl, "--base-url", "usage");
      const arch = parseArch(flags.arch);
      const fetched = await fetchBlobSet({
        set,
        arch,
        outputDir: flags.outputDir,
        baseUrl: flags.baseUrl,
        timeoutMs: parseTimeout(flags.timeout, "--timeout"),
        fetch: proxyFetchFromEnv(process.env)
      });
      process.stdout.write(fetched.files.map((f) => `${f.sha384}  ${f.name}
`).join(""));
    })
  );
  program2.addCommand(blobs);
}
function parseArch(text) {
  if (text === "x86_64" || text === "aarch64") return text;
  throw new UserError(`--arch: expected x86_64 or aarch64, got ${JSON.stringify(text)}`, { code: "usage" });
}
function parseTimeout(text, what) {
  if (text === void 0) return DEFAULT_BLOB_TIMEOUT_MS;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 3600) {
    throw new UserError(`${what}: expected whole seconds from 1 to 3600, got ${JSON.stringify(text)}`, { code: "usage" });
  }
  return Number(text) * 1e3;
}
function requireDefaultBlobsDir(alternative) {
  if (existsSync(DEFAULT_BLOBS_DIR)) return;
  throw new UserError(`no blobs: ${DEFAULT_BLOBS_DIR} (where nitro-cli installs them) does not exist; give --blobs-dir DIR, ${alternative}`, { code: "not-found" });
}

// src/cli/commands/build-enclave.ts
import { rm as rm2 } from "node:fs/promises";
import { tmpdir } from "node:os";

// src/build/progress.ts
var mib = (n) => `${(n / 1048576).toFixed(1)} MiB`;
function describeBuildProgress(p) {
  if (p.phase === "open") return "opening image";
  if (p.phase === "layers" && p.stream) return `reading the root filesystem stream: ${mib(p.bytes)}`;
  if (p.phase === "layers") return `reading layer ${p.layer + 1}/${p.layerCount}: ${mib(p.bytes)}${p.size ? ` of ${mib(p.size)}` : ""}`;
  if (p.phase === "write") return `writing customer ramdisk: ${mib(p.bytes)} of ${mib(p.total)}`;
  return "done";
}

// src/cli/commands/blob-source.ts
import { homedir } from "node:os";
function blobSourceFromFlags(flags, command) {
  if (flags.blobs === void 0) {
    if (flags.blobsBaseUrl !== void 0 || flags.blobsTimeout !== void 0) {
      throw new UserError(`${command}: --blobs-base-url and --blobs-timeout go with --blobs`, { code: "usage" });
    }
    return { blobsDir: flags.blobsDir ?? DEFAULT_BLOBS_DIR };
  }
  if (flags.blobsDir !== void 0) throw new UserError(`${command}: give --blobs-dir or --blobs, not both`, { code: "usage" });
  const set = findBlobSet(flags.blobs, "--blobs", "usage");
  const timeoutMs = parseTimeout(flags.blobsTimeout, "--blobs-timeout");
  const baseUrl = flags.blobsBaseUrl === void 0 ? void 0 : parseBaseUrl(flags.blobsBaseUrl, "--blobs-base-url", "usage");
  const cacheRoot = blobCacheRoot(process.env, homedir());
  const dirFor = async (arch) => {
    const cached = await cachedBlobSet({
      set,
      arch,
      cacheRoot,
      baseUrl,
      timeoutMs,
      fetch: proxyFetchFromEnv(process.env),
      onDamaged: (message) => flags.quiet || process.stderr.write(`nitro-eif: warning: ${message}
`)
    });
    if (!flags.quiet && !cached.fromCache) process.stderr.write(`nitro-eif: blobs ${set.name} ${arch} downloaded and verified into ${cached.dir}
`);
    return cached.dir;
  };
  return { blobSet: { set, dirFor } };
}
function requireBlobSource(source, flags) {
  if (source.blobsDir !== void 0 && flags.blobsDir === void 0) {
    requireDefaultBlobsDir("or --blobs aws-nitro-enclaves-cli@v1.5.0 to download AWS's public set");
  }
}

// src/cli/commands/sign-eif.ts
function register2(program2) {
  program2.addCommand(
    newCommand("sign-eif").description("Sign an EIF (PCR8) with a local EC key or an AWS KMS key; replaces an existing signature").requiredOption("--eif-path <file>", "EIF to sign in place").requiredOption("--signing-certificate <pem>", "X.509 signing certificate (PEM, EC P-256/P-384/P-521), valid now (run-enclave refuses an EIF signed with an expired one)").requiredOption("--private-key <pem|arn>", "EC private key PEM file, or a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)").action(async (options) => {
      const certificatePem = await readInput(options.signingCertificate);
      const result = await signEif(options.eifPath, { certificatePem, signer: await signerFor(options.privateKey), certificateLabel: `signing certificate ${options.signingCertificate}` });
      process.stderr.write("Enclave Image successfully signed.\n");
      const measurements = { HashAlgorithm: HASH_ALGORITHM, ...result.pcrs };
      process.stdout.write(`${JSON.stringify({ Measurements: measurements }, null, 2)}
`);
    })
  );
}
async function signerFor(privateKey) {
  const { kmsSigner, parseKmsKeyArn } = await import("./cli-chunks/kms-signer-ZGEFGEJF.js");
  if (parseKmsKeyArn(privateKey)) return kmsSigner({ keyId: privateKey });
  if (privateKey.startsWith("arn:")) throw new UserError(`--private-key: not a KMS key ARN: ${privateKey}`, { code: "usage" });
  return localKeySigner(await readInput(privateKey), privateKey);
}
async function readInput(path) {
  return readRegularFile(path, { maxBytes: MAX_PEM_BYTES });
}

// src/cli/commands/build-enclave.ts
function register3(program2) {
  program2.enablePositionalOptions();
  program2.addCommand(
    newCommand("build-enclave").description("Build an enclave image file (EIF) from an OCI archive, OCI layout or docker-save archive, without Docker").option("--oci-archive <file>", "OCI image archive (docker buildx --output type=oci)").option("--oci-layout <dir>", "OCI image layout directory").option("--docker-archive <file>", "docker save archive").requiredOption("--output-file <file>", "where to write the EIF").option("--blobs-dir <dir>", `kernel, cmdline, init and nsm.ko in nitro-cli layout (default: ${DEFAULT_BLOBS_DIR})`).option("--blobs <set>", "a public blob set instead, e.g. aws-nitro-enclaves-cli@v1.5.0: downloaded once into the user cache, verified on every use").option("--blobs-base-url <url>", "with --blobs: mirror holding blobs/<arch>/<file>").option("--blobs-timeout <seconds>", "with --blobs: give up on a server silent this long (default: 60)").option("--blobs-sha384 <file>", "pins every blob must match: JSON {blob name: sha384} (blobs --write-lock) or sha384sum output").option("--platform <platform>", "image platform to use from a multi-platform index, e.g. linux/amd64").option("--name <name>", "ImageName in the EIF metadata (default: enclave)").option("--version <version>", "ImageVersion in the EIF metadata (default: the image config digest)").option("--metadata <file>", "JSON file stored as CustomMetadata (at most 4096 bytes)").option("--source-date-epoch <seconds>", "build time recorded in the EIF (default: $SOURCE_DATE_EPOCH, else 0)").option("--measurements-file <file>", "write PCRs, os_image_hash, digests and blob hashes as JSON").option("--manifest-file <file>", "write every customer ramdisk entry (for diffing builds)").option("--signing-certificate <pem>", "sign the EIF (PCR8) with this certificate, as nitro-cli (with --private-key)").option("--private-key <pem|arn>", "EC private key PEM file, or a KMS key ARN, for --signing-certificate").option("--max-rootfs-size <size>", "refuse an image whose files hold more data (bytes, or with K/M/G/T; default 16G)").option("--quiet", "no progress on stderr").action(async (flags) => {
      if (flags.signingCertificate === void 0 !== (flags.privateKey === void 0)) {
        throw new UserError("build-enclave: --signing-certificate and --private-key go together", { code: "usage" });
      }
      if (flags.signingCertificate) {
        checkSigningCertificateValidity(await readInput(flags.signingCertificate), `signing certificate ${flags.signingCertificate}`);
      }
      const options = await buildOptions(flags);
      const result = await buildEnclave(options);
      const pcrs = flags.signingCertificate && flags.privateKey ? await signBuilt(flags, options, result) : result.eif.pcrs;
      process.stdout.write(`${nitroCliMeasurements(pcrs)}
`);
      warnAboutEnclaveMemory(result.eif.size, flags.quiet);
    })
  );
}
async function signBuilt(flags, options, result) {
  try {
    const certificatePem = await readInput(flags.signingCertificate);
    const signed = await signEif(options.outputPath, { certificatePem, signer: await signerFor(flags.privateKey), certificateLabel: `signing certificate ${flags.signingCertificate}` });
    const doc = result.measurements;
    if (options.measurementsPath && doc) {
      const eif = { ...doc.eif, size: signed.size, sha256: signed.sha256, sha384: signed.sha384 };
      await writeFileAtomic(options.measurementsPath, renderMeasurements({ ...doc, pcrs: signed.pcrs, eif }));
    }
    return signed.pcrs;
  } catch (error) {
    await Promise.all([options.outputPath, options.measurementsPath].map((path) => path && rm2(path, { force: true })));
    throw error;
  }
}
var LARGE_EIF_BYTES = 256 * 1024 * 1024;
function warnAboutEnclaveMemory(eifSize, quiet) {
  if (quiet || eifSize < LARGE_EIF_BYTES) return;
  process.stderr.write(
    `nitro-eif: warning: the EIF is ${Math.round(eifSize / 2 ** 20)} MiB; run-enclave needs at least ${minimumEnclaveMemoryMiB(eifSize)} MiB of enclave memory (--memory) for it
`
  );
}
function imageSource(flags) {
  const given = [flags.ociArchive, flags.ociLayout, flags.dockerArchive].filter((v) => v !== void 0);
  if (given.length !== 1) {
    throw new UserError("build-enclave: give exactly one of --oci-archive, --oci-layout, --docker-archive", { code: "usage" });
  }
  const platform = flags.platform;
  if (flags.ociArchive !== void 0) return { ociArchive: flags.ociArchive, platform };
  if (flags.ociLayout !== void 0) return { ociLayout: flags.ociLayout, platform };
  return { dockerArchive: flags.dockerArchive, platform };
}
async function buildOptions(flags) {
  const image = imageSource(flags);
  const blobs = blobSourceFromFlags(flags, "build-enclave");
  await checkOutputPath(flags.outputFile, "--output-file");
  if (flags.measurementsFile !== void 0) await checkOutputPath(flags.measurementsFile, "--measurements-file");
  if (flags.manifestFile !== void 0) await checkOutputPath(flags.manifestFile, "--manifest-file");
  requireBlobSource(blobs, flags);
  const epochText = flags.sourceDateEpoch ?? process.env["SOURCE_DATE_EPOCH"] ?? "0";
  const epochWhat = flags.sourceDateEpoch !== void 0 ? "--source-date-epoch" : "SOURCE_DATE_EPOCH";
  return {
    image,
    outputPath: flags.outputFile,
    ...blobs,
    blobsLock: flags.blobsSha384 ? await readBlobLock(flags.blobsSha384) : void 0,
    sourceDateEpoch: parseSourceDateEpoch(epochText, epochWhat),
    name: flags.name,
    version: flags.version,
    customMetadata: flags.metadata ? parseCustomMetadata(await readText(flags.metadata), flags.metadata) : void 0,
    measurementsPath: flags.measurementsFile,
    // The EIF's own SHA-256/SHA-384 go only into the measurements file: without one, skip that pass.
    eifDigests: false,
    manifestPath: flags.manifestFile,
    tempDir: tmpdir(),
    ...flags.maxRootfsSize !== void 0 ? { maxRootfsSize: parseByteSize(flags.maxRootfsSize, "--max-rootfs-size") } : {},
    onProgress: !flags.quiet && process.stderr.isTTY ? progressLine() : void 0
  };
}
async function readText(path) {
  return readRegularText(path, { label: `metadata file ${path}`, maxBytes: MAX_JSON_BYTES });
}
function progressLine() {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.phase !== "done" && now - last < 200) return;
    last = now;
    const text = describeBuildProgress(p);
    process.stderr.write(`\r\x1B[2K${text}${p.phase === "done" ? "\n" : ""}`);
  };
}

// src/cli/commands/describe-eif.ts
function register4(program2) {
  program2.addCommand(
    newCommand("describe-eif").description("Validate an EIF strictly and print its measurements, CRC/signature checks and metadata (as nitro-cli)").requiredOption("--eif-path <file>", "path to the EIF to describe").action(async (options) => {
      const inspection = await inspectEif(options.eifPath, { fileDigests: false });
      process.stdout.write(`${renderDescribeEif(inspection, options.eifPath)}
`);
    })
  );
}

// src/review/facts.ts
var PCR_NAMES = ["PCR0", "PCR1", "PCR2", "PCR8"];
var PCR_HEX = /^[0-9a-f]{96}$/;
function factsFromJson(value, file) {
  if (!isRecord(value)) throw new FormatError(`${file}: expected a JSON object`);
  const pcrSource = pickRecord(value, ["pcrs", "Measurements", "measurements"]) ?? value;
  const pcrs = {};
  for (const name of PCR_NAMES) {
    const pcr = pcrSource[name] ?? pcrSource[name.toLowerCase()];
    if (pcr === void 0) continue;
    if (typeof pcr !== "string" || !PCR_HEX.test(pcr.toLowerCase())) throw new FormatError(`${file}: ${name} is not 96 hex digits`);
    pcrs[name] = pcr.toLowerCase();
  }
  if (!pcrs.PCR0 || !pcrs.PCR1 || !pcrs.PCR2) throw new FormatError(`${file}: PCR0, PCR1 and PCR2 are required`);
  return {
    pcrs,
    osImageHash: optionalHex(value["os_image_hash"] ?? value["osImageHash"], true),
    blobs: blobHashes(value["blobs"]),
    dstackUtil: optionalHex(sha256Of(value["dstack_util"] ?? value["dstackUtil"]), false),
    baseImages: Array.isArray(value["base_images"]) ? value["base_images"].filter((s) => typeof s === "string") : void 0,
    manifestSha256: optionalHex(sha256Of(value["manifest"]), false)
  };
}
function sha256Of(value) {
  if (isRecord(value)) return value["sha256"];
  return value;
}
function blobHashes(value) {
  if (!isRecord(value)) return void 0;
  if (isRecord(value["sha384"])) return blobHashes(value["sha384"]);
  const out = {};
  for (const [name, entry] of Object.entries(value)) {
    const hash = isRecord(entry) ? entry["sha384"] : entry;
    if (typeof hash === "string") out[name] = hash.toLowerCase();
  }
  return out;
}
function optionalHex(value, prefixed) {
  if (typeof value !== "string" || value === "") return void 0;
  const hex = value.toLowerCase().replace(/^0x/, "").replace(/^sha256:/, "");
  return prefixed ? `0x${hex}` : hex;
}
function pickRecord(value, keys) {
  for (const key of keys) {
    const v = value[key];
    if (isRecord(v)) return v;
  }
  return void 0;
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/review/explain.ts
function explainChanges(before, after, files) {
  const changes = [];
  for (const pcr of PCR_NAMES) {
    const a = before.pcrs[pcr];
    const b = after.pcrs[pcr];
    if (a === b) continue;
    changes.push({ pcr, before: a, after: b, reasons: reasonsFor(pcr, before, after, files) });
  }
  const osChanged = changes.some((c) => c.pcr !== "PCR8");
  return {
    unchanged: changes.length === 0,
    changes,
    osImageHash: { before: before.osImageHash, after: after.osImageHash, changed: osChanged },
    files
  };
}
function reasonsFor(pcr, before, after, files) {
  switch (pcr) {
    case "PCR0":
      return ["PCR0 covers the kernel, cmdline and both ramdisks: it follows PCR1 and PCR2"];
    case "PCR1":
      return bootstrapReasons(before, after);
    case "PCR2":
      return customerReasons(before, after, files);
    case "PCR8":
      return [after.pcrs.PCR8 === void 0 ? "the EIF is no longer signed" : before.pcrs.PCR8 === void 0 ? "the EIF is now signed" : "the signing certificate changed"];
  }
}
function bootstrapReasons(before, after) {
  const reasons = changedBlobs(before.blobs, after.blobs).map((name) => `blob ${name} changed (${short(before.blobs?.[name])} \u2192 ${short(after.blobs?.[name])})`);
  if (reasons.length > 0) return reasons;
  if (before.blobs && after.blobs) return ["the kernel, cmdline or bootstrap ramdisk changed although the blob hashes did not (builder version?)"];
  return ["the kernel, cmdline or bootstrap blobs (init, nsm.ko) changed (blob hashes not recorded on both sides)"];
}
function changedBlobs(a, b) {
  if (!a || !b) return [];
  const names = [.../* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names.filter((n) => a[n] !== b[n]);
}
function customerReasons(before, after, files) {
  const reasons = [];
  if (before.dstackUtil !== after.dstackUtil) {
    reasons.push(`dstack-util changed (sha256 ${short(before.dstackUtil)} \u2192 ${short(after.dstackUtil)})`);
  }
  const oldBases = before.baseImages?.join(", ");
  const newBases = after.baseImages?.join(", ");
  if (oldBases !== void 0 && newBases !== void 0 && oldBases !== newBases) reasons.push(`base images changed: ${oldBases} \u2192 ${newBases}`);
  if (files) {
    if (files.total === 0) reasons.push("no file differs in the manifests: the cmd or env of the image changed");
    else reasons.push(`${files.total} file(s) differ in the customer ramdisk:`, ...describeChanges(files));
  } else {
    reasons.push("the image files (customer ramdisk) changed; the previous manifest is not available to say which");
  }
  return reasons;
}
function short(hex) {
  return hex === void 0 ? "none" : hex.slice(0, 12);
}
function renderReviewText(review) {
  if (review.unchanged) return "PCR0, PCR1, PCR2 and PCR8 are unchanged; OS_IMAGE_HASH is unchanged.\n";
  const lines = [];
  for (const change of review.changes) {
    lines.push(`${change.pcr} changed: ${change.before ?? "none"} \u2192 ${change.after ?? "none"}`);
    for (const reason of change.reasons) lines.push(`  ${reason}`);
  }
  const os = review.osImageHash;
  lines.push(os.changed ? `OS_IMAGE_HASH changed: ${os.before ?? "?"} \u2192 ${os.after ?? "?"}` : "OS_IMAGE_HASH is unchanged");
  return `${lines.join("\n")}
`;
}

// src/review/load.ts
import { dirname as dirname2, isAbsolute as isAbsolute2, join as join2 } from "node:path";

// src/review/lock.ts
var LOCK_VERSION = 1;
var DEFAULT_LOCK_NAME = "nitro-eif.lock.json";
function manifestNameFor(lockName) {
  return lockName.endsWith(".json") ? `${lockName.slice(0, -5)}.manifest.json` : `${lockName}.manifest.json`;
}
function createLock(facts, manifest) {
  return {
    version: LOCK_VERSION,
    pcrs: sortedPcrs(facts.pcrs),
    ...facts.osImageHash ? { os_image_hash: facts.osImageHash } : {},
    ...facts.blobs ? { blobs: sortKeys(facts.blobs) } : {},
    ...facts.dstackUtil ? { dstack_util: { sha256: facts.dstackUtil } } : {},
    ...facts.baseImages ? { base_images: [...facts.baseImages] } : {},
    ...manifest ? { manifest } : {}
  };
}
function serializeLock(lock) {
  return `${JSON.stringify(lock, null, 2)}
`;
}
function parseLock(text, file) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FormatError(`${file}: not valid JSON`, { cause: error });
  }
  if (!isRecord(value) || value["version"] !== LOCK_VERSION) throw new FormatError(`${file}: not a nitro-eif lock file (version ${LOCK_VERSION})`);
  const manifest = value["manifest"];
  if (manifest !== void 0 && !(isRecord(manifest) && typeof manifest["path"] === "string" && typeof manifest["sha256"] === "string")) {
    throw new FormatError(`${file}: "manifest" must be {"path", "sha256"}`);
  }
  if (isRecord(manifest) && (String(manifest["path"]).startsWith("/") || String(manifest["path"]).split(/[\\/]/).includes(".."))) {
    throw new FormatError(`${file}: manifest path must stay beside the lock file`);
  }
  return { lock: value, facts: factsFromJson(value, file) };
}
function sortedPcrs(pcrs) {
  const out = {};
  for (const name of ["PCR0", "PCR1", "PCR2", "PCR8"]) if (pcrs[name]) out[name] = pcrs[name];
  return out;
}
function sortKeys(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}

// src/review/load.ts
var SNIFF_BYTES = 256;
async function loadReviewSide(file, readEifPcrs2) {
  const start = await readStart(file, SNIFF_BYTES);
  if (start.subarray(0, EIF_MAGIC.length).equals(Buffer.from(EIF_MAGIC))) {
    if (!readEifPcrs2) throw new UserError(`${file}: reading PCRs from an EIF is not available in this build`, { code: "unsupported" });
    return { file, facts: { pcrs: await readEifPcrs2(file) }, manifestNote: "an EIF carries no manifest" };
  }
  if (looksLikeManifest(start)) return { file, manifest: await openManifest(file) };
  const value = parse(await readRegularFile(file, { maxBytes: MAX_JSON_BYTES }), file);
  if (isRecord(value) && value["version"] === LOCK_VERSION && isRecord(value["pcrs"])) {
    const { lock, facts: facts2 } = parseLock(JSON.stringify(value), file);
    return { file, facts: facts2, ...await loadManifestBeside(file, lock.manifest) };
  }
  const facts = factsFromJson(value, file);
  const ref = isRecord(value) && isRecord(value["manifest"]) ? value["manifest"] : void 0;
  const manifest = typeof ref?.["path"] === "string" ? { path: ref["path"], sha256: String(ref["sha256"] ?? "") } : void 0;
  if (manifest && !staysBeside(manifest.path)) throw new FormatError(`${file}: manifest path ${quoted(manifest.path)} must stay beside the measurements file`);
  return { file, facts, ...await loadManifestBeside(file, manifest) };
}
async function loadManifestBeside(file, ref) {
  if (!ref) return { manifestNote: `${file} names no manifest` };
  if (!staysBeside(ref.path)) throw new FormatError(`${file}: manifest path ${quoted(ref.path)} must stay beside the file`);
  const path = join2(dirname2(file), ref.path);
  const label = `manifest ${path} (named by ${file})`;
  let digest;
  try {
    digest = await fileSha256(path, label);
  } catch (error) {
    if (error.cause?.code !== "ENOENT") throw error;
    return { manifestNote: `manifest ${ref.path} (named by ${file}) is not present` };
  }
  if (ref.sha256 && digest !== ref.sha256.replace(/^sha256:/, "").toLowerCase()) {
    return { manifestNote: `manifest ${ref.path} does not match the SHA-256 recorded in ${file}` };
  }
  return { manifest: await openManifest(path, { label }) };
}
async function compareSides(before, after, options = {}) {
  if (!(before.facts && after.facts) && !(before.manifest && after.manifest)) {
    throw new UserError(`cannot compare ${before.file} with ${after.file}: give two EIFs/measurement/lock files, or two manifests`);
  }
  const files = before.manifest && after.manifest ? await diffManifests(before.manifest, after.manifest, options) : void 0;
  if (before.facts && after.facts) return { review: explainChanges(before.facts, after.facts, files), files };
  return { files };
}
function staysBeside(path) {
  return path !== "" && !isAbsolute2(path) && !path.split(/[\\/]/).includes("..");
}
function parse(bytes, file) {
  return parseJsonBounded(bytes, file, "not an EIF and not valid JSON");
}

// src/cli/commands/diff.ts
var readEifPcrs = async (path) => (await inspectEif(path, { fileDigests: false })).pcrs;
function register5(program2) {
  program2.addCommand(
    newCommand("diff").description("Explain the PCR differences between two builds (EIFs, measurement files, lock files or manifests)").argument("<before>", "EIF, measurements JSON, lock file or manifest of the earlier build").argument("<after>", "the same kind of file for the later build").option("--fail-on-change", "exit with status 1 when a register (or a file) changed").option("--json", "print JSON (changed, registers, os_image_hash, files) instead of text").action(async (before, after, options) => {
      const result = await compareSides(await loadReviewSide(before, readEifPcrs), await loadReviewSide(after, readEifPcrs));
      const changed = result.review ? !result.review.unchanged : (result.files?.total ?? 0) > 0;
      if (options.json) process.stdout.write(`${JSON.stringify(diffJson(changed, result.review, result.files), null, 2)}
`);
      else if (result.review) process.stdout.write(renderReviewText(result.review));
      else process.stdout.write(result.files.total === 0 ? "The manifests are identical.\n" : `${describeChanges(result.files).join("\n")}
`);
      if (changed && options.failOnChange) throw new UserError(`${before} and ${after} differ`, { code: "mismatch" });
    })
  );
}
function diffJson(changed, review, files) {
  return {
    changed,
    registers: review ? review.changes.map(({ pcr, before, after, reasons }) => ({ pcr, before: before ?? null, after: after ?? null, reasons })) : null,
    os_image_hash: review ? { before: review.osImageHash.before ?? null, after: review.osImageHash.after ?? null, changed: review.osImageHash.changed } : null,
    files: files ? { total: files.total, counts: files.counts, listed: files.changes } : null
  };
}

// src/cli/commands/lock.ts
import { basename as basename2, dirname as dirname3, join as join3 } from "node:path";
function register6(program2) {
  const command = newCommand("lock").description("Write a PCR lock file (PCRs, OS_IMAGE_HASH, blob and dstack-util hashes) and the manifest beside it, to commit").requiredOption("--measurements <file>", "measurements JSON written by build-enclave").option("--manifest <file>", "filesystem manifest of the same build (copied beside the lock file)").option("--output-file <file>", "lock file to write", DEFAULT_LOCK_NAME).action(async (options) => {
    const lockText = await writeLock(options);
    process.stdout.write(lockText);
  });
  keepOldFlag(command, "--output <file>", "outputFile", "--output-file <file>");
  program2.addCommand(command);
}
async function writeLock(options) {
  await checkOutputPath(options.outputFile, "--output-file");
  const facts = factsFromJson(parseJson(await readRegularFile(options.measurements, { maxBytes: MAX_JSON_BYTES }), options.measurements), options.measurements);
  let manifest;
  if (options.manifest) {
    const name = manifestNameFor(basename2(options.outputFile));
    const { sha256 } = await copyManifest(options.manifest, join3(dirname3(options.outputFile), name));
    manifest = { path: name, sha256 };
  }
  const text = serializeLock(createLock(facts, manifest));
  await writeFileAtomic(options.outputFile, text);
  return text;
}
function parseJson(bytes, file) {
  return parseJsonBounded(bytes, file);
}

// src/cli/commands/os-image-hash.ts
function register7(program2) {
  program2.addCommand(
    newCommand("os-image-hash").description("Print dstack's OS_IMAGE_HASH = SHA256(raw PCR0 || raw PCR1 || raw PCR2) as 0x + 64 hex").option("--pcr0 <hex>", "PCR0 (96 hex digits)").option("--pcr1 <hex>", "PCR1 (96 hex digits)").option("--pcr2 <hex>", "PCR2 (96 hex digits)").option("--eif-path <file>", "measure this EIF").option("--measurements <file>", `nitro-cli's {"Measurements": \u2026} JSON or a nitro-eif measurements file`).action(async (options) => {
      process.stdout.write(`${osImageHash(await pcrsFrom(options))}
`);
    })
  );
}
async function pcrsFrom(options) {
  const direct = [options.pcr0, options.pcr1, options.pcr2];
  const modes = [direct.some((p) => p !== void 0), options.eifPath !== void 0, options.measurements !== void 0];
  if (modes.filter(Boolean).length !== 1) {
    throw new UserError("os-image-hash: give --pcr0/--pcr1/--pcr2, --eif-path or --measurements (exactly one way)", { code: "usage" });
  }
  if (options.eifPath !== void 0) return (await inspectEif(options.eifPath, { fileDigests: false })).pcrs;
  if (options.measurements !== void 0) return (await readMeasurements(options.measurements)).pcrs;
  const [PCR0, PCR1, PCR2] = direct;
  if (PCR0 === void 0 || PCR1 === void 0 || PCR2 === void 0) {
    throw new UserError("os-image-hash: --pcr0, --pcr1 and --pcr2 are all required together", { code: "usage" });
  }
  return { PCR0: hexArgument(PCR0, 48, "--pcr0"), PCR1: hexArgument(PCR1, 48, "--pcr1"), PCR2: hexArgument(PCR2, 48, "--pcr2") };
}

// src/cli/commands/pcr.ts
function register8(program2) {
  program2.addCommand(
    newCommand("pcr").description("Print the PCR of a file's bytes (--input) or PCR8 of a signing certificate (--signing-certificate)").option("--input <file>", "file whose bytes are measured").option("--signing-certificate <pem>", "signing certificate PEM; prints PCR8 (over the DER of its first certificate)").action(async (options) => {
      if (options.input === void 0 === (options.signingCertificate === void 0)) {
        throw new UserError("pcr: give exactly one of --input or --signing-certificate", { code: "usage" });
      }
      const result = options.input !== void 0 ? { PCR: await pcrOfFile(options.input) } : { PCR8: certificatePcr8(await readRegularFile(options.signingCertificate, { maxBytes: MAX_PEM_BYTES }), options.signingCertificate) };
      process.stdout.write(`${JSON.stringify(result, null, 2)}
`);
    })
  );
}

// src/cli/commands/attest.ts
var collect = (value, previous) => [...previous, value];
function register9(program2) {
  const command = newCommand("attest").description("Make a signed SLSA provenance bundle (provenance.sigstore.json) for an EIF and its measurements, with a local EC P-256 key").requiredOption("--eif-path <file>", "the EIF (measured here)").requiredOption("--measurements <file>", "its measurements JSON (must match the EIF)").option("--private-key <pem>", "unencrypted EC P-256 private key (PEM); required").option("--output-file <file>", "where to write the bundle", "provenance.sigstore.json").option("--source-repository <url>", "source repository, e.g. https://github.com/owner/repo").option("--source-ref <ref>", "source ref, e.g. refs/heads/main").option("--source-commit <sha>", "source commit (full id)").option("--workflow <path>", "workflow file that ran the build").option("--dockerfile <path>", "Dockerfile used").option("--context <path>", "build context used").option("--platform <platform>", "image platform, e.g. linux/amd64").option("--build-arg <name=value>", "a build argument (repeatable)", collect, []).option("--source-date-epoch <seconds>", "SOURCE_DATE_EPOCH of the build").option("--base-image <ref@sha256:\u2026>", "a base image by digest (repeatable)", collect, []).option("--dstack-util-sha256 <hex>", "SHA-256 of the dstack-util binary in the image").option("--builder-id <uri>", "runDetails.builder.id").option("--invocation-id <uri>", "runDetails.metadata.invocationId").action(async (options) => {
    await checkOutputPath(options.outputFile, "--output-file");
    const { attestFiles, loadSigningKey } = await import("./cli-chunks/provenance-E6N443TS.js");
    const privateKey = loadSigningKey(await readKey(options.privateKey), `--private-key ${options.privateKey}`);
    const { statement } = await attestFiles({
      eifPath: options.eifPath,
      measurementsPath: options.measurements,
      privateKey,
      outputPath: options.outputFile,
      details: details(options)
    });
    const summary2 = { output: options.outputFile, subjects: statement.subject, predicateType: statement.predicateType };
    process.stdout.write(`${JSON.stringify(summary2, null, 2)}
`);
  });
  keepOldFlag(command, "--key <pem>", "privateKey", "--private-key <pem>", true);
  keepOldFlag(command, "--output <file>", "outputFile", "--output-file <file>");
  program2.addCommand(command);
}
function details(o) {
  const source = compact({ repository: o.sourceRepository, ref: o.sourceRef, commit: o.sourceCommit });
  const build = compact({
    dockerfile: o.dockerfile,
    context: o.context,
    platform: o.platform,
    buildArgs: o.buildArg.length === 0 ? void 0 : Object.fromEntries(o.buildArg.map(splitArg)),
    sourceDateEpoch: o.sourceDateEpoch === void 0 ? void 0 : epoch(o.sourceDateEpoch)
  });
  const dependencies = compact({
    baseImages: o.baseImage.length === 0 ? void 0 : o.baseImage.map(splitImage),
    dstackUtil: o.dstackUtilSha256 === void 0 ? void 0 : { sha256: o.dstackUtilSha256.toLowerCase() }
  });
  return compact({
    source,
    build,
    dependencies,
    workflow: o.workflow === void 0 ? void 0 : { path: o.workflow },
    builderId: o.builderId,
    invocationId: o.invocationId
  });
}
function splitArg(text) {
  const at = text.indexOf("=");
  if (at <= 0) throw new UserError(`--build-arg: expected NAME=VALUE, got ${JSON.stringify(text)}`, { code: "usage" });
  return [text.slice(0, at), text.slice(at + 1)];
}
function splitImage(text) {
  const at = text.lastIndexOf("@");
  if (at <= 0) throw new UserError(`--base-image: expected REF@sha256:HEX, got ${JSON.stringify(text)}`, { code: "usage" });
  return { name: text.slice(0, at), digest: text.slice(at + 1) };
}
function epoch(text) {
  if (!/^\d{1,12}$/.test(text)) throw new UserError(`--source-date-epoch: expected whole seconds, got ${JSON.stringify(text)}`, { code: "usage" });
  return Number(text);
}
async function readKey(path) {
  return readRegularText(path, { label: `--private-key ${path}`, maxBytes: MAX_PEM_BYTES });
}
function compact(record) {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== void 0));
}

// src/cli/commands/verify.ts
function register10(program2) {
  program2.addCommand(
    newCommand("verify").description("Recompute an EIF's PCRs and digests and check them against a measurements file and a signed provenance bundle").requiredOption("--eif-path <file>", "the EIF to verify").option("--measurements <file>", "measurements JSON that must match the EIF (and the provenance subject)").option("--provenance <file>", "provenance Sigstore bundle (provenance.sigstore.json)").option("--key <pem>", "public key the provenance was signed with").option("--certificate-identity <uri>", "exact signer identity of a keyless bundle (workflow URI)").option("--certificate-oidc-issuer <url>", "exact OIDC issuer of a keyless bundle").option("--trusted-root <file>", "Sigstore trusted_root.json for keyless bundles (not fetched: this runs offline)").action(async (options) => {
      if (options.provenance === void 0 && (options.key ?? options.certificateIdentity) !== void 0) {
        throw new UserError("--key and --certificate-identity need --provenance", { code: "usage" });
      }
      const { verifyEif } = await import("./cli-chunks/verify-eif-7DUHVC2S.js");
      const report = await verifyEif({
        eifPath: options.eifPath,
        ...options.measurements === void 0 ? {} : { measurementsPath: options.measurements },
        ...options.provenance === void 0 ? {} : { provenance: { path: options.provenance, trust: await bundleTrust(options) } }
      });
      process.stdout.write(`${JSON.stringify(report, null, 2)}
`);
    })
  );
}
async function bundleTrust(options) {
  const byKey = options.key !== void 0;
  const byIdentity = options.certificateIdentity !== void 0 || options.certificateOidcIssuer !== void 0;
  if (byKey === byIdentity) {
    throw new UserError("--provenance needs either --key or --certificate-identity with --certificate-oidc-issuer", { code: "usage" });
  }
  if (byKey) return { publicKeyPem: await readText2(options.key, "--key") };
  if (options.certificateIdentity === void 0 || options.certificateOidcIssuer === void 0) {
    throw new UserError("--certificate-identity and --certificate-oidc-issuer go together", { code: "usage" });
  }
  if (options.trustedRoot === void 0) {
    throw new UserError("keyless verification needs --trusted-root FILE (a Sigstore trusted_root.json; this command never fetches one)", { code: "usage" });
  }
  const { readJson: readJson3 } = await import("./cli-chunks/verify-eif-7DUHVC2S.js");
  return {
    trustedRoot: await readJson3(options.trustedRoot, "trusted root"),
    certificateIdentity: options.certificateIdentity,
    certificateOidcIssuer: options.certificateOidcIssuer
  };
}
async function readText2(path, flag) {
  return readRegularText(path, { label: `${flag} ${path}`, maxBytes: MAX_PEM_BYTES });
}

// src/trust/attestation/verify.ts
import { createHash as createHash2 } from "node:crypto";

// src/trust/attestation/chain.ts
import { X509Certificate } from "node:crypto";

// src/trust/attestation/extensions.ts
var KEY_USAGE = { digitalSignature: 0, keyCertSign: 5 };
var OID = {
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15"
};
function tlv(der, at, limit, what) {
  const fail = () => {
    throw new FormatError(`${what}: malformed DER at byte ${at}`);
  };
  if (at + 2 > limit) fail();
  const tag = der[at];
  let length = der[at + 1];
  let start = at + 2;
  if (length & 128) {
    const count = length & 127;
    if (count === 0 || count > 4 || start + count > limit) fail();
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i];
    start += count;
  }
  if (start + length > limit) fail();
  return { tag, start, end: start + length };
}
function children(der, parent, what) {
  const out = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = tlv(der, at, parent.end, what);
    out.push(child);
    at = child.end;
  }
  return out;
}
var SEQUENCE = 48;
var BOOLEAN = 1;
var INTEGER = 2;
var BIT_STRING = 3;
var OCTET_STRING = 4;
var EXTENSIONS_TAG = 163;
function certificateExtensions(der, what) {
  const certificate = tlv(der, 0, der.length, what);
  const tbs = children(der, certificate, what)[0];
  if (certificate.tag !== SEQUENCE || tbs?.tag !== SEQUENCE) throw new FormatError(`${what}: not an X.509 certificate`);
  const wrapper = children(der, tbs, what).find((field) => field.tag === EXTENSIONS_TAG);
  let ca = false;
  let pathLength;
  let keyUsage;
  const critical = [];
  const list = wrapper ? children(der, wrapper, what)[0] : void 0;
  for (const extension of list ? children(der, list, what) : []) {
    const [id, second, third] = children(der, extension, what);
    const value = third ?? second;
    if (id === void 0 || value?.tag !== OCTET_STRING) throw new FormatError(`${what}: malformed extension`);
    const oid = oidText(der.subarray(id.start, id.end));
    if (third !== void 0 && second?.tag === BOOLEAN && der[second.start] !== 0) critical.push(oid);
    if (oid === OID.basicConstraints) {
      const sequence = tlv(der, value.start, value.end, what);
      for (const member of children(der, sequence, what)) {
        if (member.tag === BOOLEAN) ca = der[member.start] !== 0;
        else if (member.tag === INTEGER) pathLength = integer(der, member, what);
      }
    } else if (oid === OID.keyUsage) {
      const bits = tlv(der, value.start, value.end, what);
      if (bits.tag !== BIT_STRING || bits.end <= bits.start) throw new FormatError(`${what}: malformed keyUsage`);
      keyUsage = /* @__PURE__ */ new Set();
      for (let byte = bits.start + 1; byte < bits.end; byte++) {
        for (let bit = 0; bit < 8; bit++) if (der[byte] & 128 >> bit) keyUsage.add((byte - bits.start - 1) * 8 + bit);
      }
    }
  }
  return { ca, ...pathLength === void 0 ? {} : { pathLength }, ...keyUsage ? { keyUsage } : {}, critical };
}
function integer(der, value, what) {
  if (value.end - value.start > 4 || value.end === value.start || der[value.start] & 128) {
    throw new FormatError(`${what}: basicConstraints pathLenConstraint is not a small non-negative integer`);
  }
  let n = 0;
  for (let i = value.start; i < value.end; i++) n = n * 256 + der[i];
  return n;
}

// src/trust/attestation/chain.ts
function verifyCertificateChain(options) {
  const root = parseCertificate(options.rootPem, "root certificate");
  const bundle = options.cabundle.map((der, i) => parseCertificate(der, `cabundle[${i}]`));
  const leaf = parseCertificate(options.leaf, "attestation certificate");
  if (!bundle[0].raw.equals(root.raw)) {
    throw new VerificationError(`attestation cabundle root (${bundle[0].subject.replace(/\n/g, ", ")}) is not the pinned AWS Nitro root`);
  }
  const path = [leaf, ...bundle.slice(1).reverse(), root];
  const names = path.map((cert, i) => i === 0 ? "attestation certificate" : i === path.length - 1 ? "root certificate" : `intermediate certificate ${describe(cert)}`);
  path.forEach((cert, i) => {
    if (i > 0 && cert.ca !== true) throw new VerificationError(`${names[i]} is not a CA (basicConstraints cA is false)`);
    checkExtensions(cert, i, names[i]);
  });
  path.forEach((cert, i) => {
    const issuer = path[i + 1] ?? root;
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) {
      throw new VerificationError(`${names[i]} is not signed by ${i + 1 < path.length ? describe(issuer) : "itself"}`);
    }
    checkValidity(cert, names[i], options.at, options.timeHint);
  });
  return { leaf, path };
}
var CHECKED_CRITICAL = /* @__PURE__ */ new Set([OID.basicConstraints, OID.keyUsage]);
function checkExtensions(cert, index, name) {
  const ext = certificateExtensions(cert.raw, name);
  const unknown = ext.critical.find((oid) => !CHECKED_CRITICAL.has(oid));
  if (unknown !== void 0) throw new VerificationError(`${name} has an unsupported critical extension ${unknown}`);
  if (index === 0) {
    if (ext.ca || ext.pathLength !== void 0) throw new VerificationError(`${name} is a CA certificate, not an end entity (basicConstraints)`);
    if (!ext.keyUsage?.has(KEY_USAGE.digitalSignature)) throw new VerificationError(`${name} lacks the digitalSignature key usage`);
    return;
  }
  if (!ext.keyUsage?.has(KEY_USAGE.keyCertSign)) throw new VerificationError(`${name} lacks the keyCertSign key usage`);
  if (ext.pathLength !== void 0 && index - 1 > ext.pathLength) {
    throw new VerificationError(`${name} allows ${ext.pathLength} CA certificate(s) below it (pathLenConstraint), the path has ${index - 1}`);
  }
}
function checkValidity(cert, name, at, hint) {
  const from = certificateTime(cert.validFrom);
  const to = certificateTime(cert.validTo);
  if (at.getTime() < from.getTime()) {
    throw new VerificationError(`${name} is not yet valid at ${at.toISOString()} (valid from ${from.toISOString()})${hint}`);
  }
  if (at.getTime() > to.getTime()) {
    throw new VerificationError(`${name} expired at ${to.toISOString()} (checked at ${at.toISOString()})${hint}`);
  }
}
function certificateTime(text) {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new FormatError(`certificate validity time ${JSON.stringify(text)} is not readable`);
  return date;
}
function parseCertificate(data, what) {
  try {
    return new X509Certificate(typeof data === "string" ? data : Buffer.from(data));
  } catch (error) {
    throw new FormatError(`${what} is not a valid X.509 certificate (${error.message})`, { cause: error });
  }
}
function describe(cert) {
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
  return cn === void 0 ? cert.subject.replace(/\n/g, ", ") : `CN=${cn}`;
}

// src/trust/attestation/cose.ts
import { verify } from "node:crypto";
var COSE_SIGN1_TAG_BYTE = 210;
var ES384_PROTECTED = Uint8Array.from([161, 1, 56, 34]);
var ES384_SIGNATURE_BYTES = 96;
var STRICT_CBOR = {
  strict: true,
  useMaps: true,
  rejectDuplicateMapKeys: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false
};
var ATTESTATION_CBOR_LIMITS = { maxDepth: 8, maxItems: 4096 };
function decodeCoseSign1(bytes, what) {
  const body = bytes[0] === COSE_SIGN1_TAG_BYTE ? bytes.subarray(1) : bytes;
  checkCborShape(body, ATTESTATION_CBOR_LIMITS, what);
  let value;
  try {
    value = decode(body, STRICT_CBOR);
  } catch (error) {
    throw new FormatError(`${what}: not a valid CBOR COSE_Sign1 (${error.message})`, { cause: error });
  }
  if (!Array.isArray(value) || value.length !== 4) {
    throw new FormatError(`${what}: COSE_Sign1 must be an array of 4 items`);
  }
  const [protectedHeader, unprotected, payload, signature] = value;
  if (!(protectedHeader instanceof Uint8Array) || !equalBytes(protectedHeader, ES384_PROTECTED)) {
    throw new FormatError(`${what}: COSE protected header must be {1: -35} (ES384)`);
  }
  if (!(unprotected instanceof Map) || unprotected.size !== 0) {
    throw new FormatError(`${what}: COSE unprotected header must be an empty map`);
  }
  if (!(payload instanceof Uint8Array)) throw new FormatError(`${what}: COSE payload must be a byte string`);
  if (!(signature instanceof Uint8Array) || signature.length !== ES384_SIGNATURE_BYTES) {
    throw new FormatError(`${what}: COSE signature must be ${ES384_SIGNATURE_BYTES} bytes (ES384 r||s)`);
  }
  return { protectedHeader, payload, signature };
}
function verifyCoseSign1(cose, key, what) {
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "secp384r1") {
    throw new VerificationError(`${what}: signing key is not an EC P-384 key`);
  }
  const toBeSigned = encode(["Signature1", cose.protectedHeader, new Uint8Array(0), cose.payload]);
  const ok = verify("sha384", toBeSigned, { key, dsaEncoding: "ieee-p1363" }, cose.signature);
  if (!ok) throw new VerificationError(`${what}: COSE signature does not verify with the attestation certificate's key`);
}
function equalBytes(a, b) {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

// src/trust/attestation/document.ts
var MAX_PCR_INDEX = 31;
var MAX_OPTIONAL_BYTES = 1024;
var MAX_CERTIFICATE_BYTES = 1024;
function parseAttestationPayload(payload, what) {
  checkCborShape(payload, ATTESTATION_CBOR_LIMITS, `${what}: payload`);
  let value;
  try {
    value = decode(payload, { ...STRICT_CBOR, allowIndefinite: true });
  } catch (error) {
    throw new FormatError(`${what}: payload is not valid CBOR (${error.message})`, { cause: error });
  }
  if (!(value instanceof Map)) throw new FormatError(`${what}: payload must be a CBOR map`);
  const map = value;
  const known = /* @__PURE__ */ new Set(["module_id", "timestamp", "digest", "pcrs", "certificate", "cabundle", "public_key", "user_data", "nonce"]);
  for (const key of map.keys()) {
    if (typeof key !== "string" || !known.has(key)) throw new FormatError(`${what}: unexpected payload field ${JSON.stringify(key)}`);
  }
  const field = (name) => map.get(name);
  const moduleId = field("module_id");
  if (typeof moduleId !== "string" || moduleId.length === 0) throw new FormatError(`${what}: module_id must be a non-empty text string`);
  const timestamp = field("timestamp");
  if (typeof timestamp !== "number" || !Number.isSafeInteger(timestamp) || timestamp <= 0) {
    throw new FormatError(`${what}: timestamp must be a positive integer (milliseconds)`);
  }
  if (field("digest") !== "SHA384") throw new FormatError(`${what}: digest must be "SHA384", got ${JSON.stringify(field("digest"))}`);
  const certificate = field("certificate");
  if (!isCertificateBytes(certificate)) throw new FormatError(`${what}: certificate must be a byte string of 1 to ${MAX_CERTIFICATE_BYTES} bytes`);
  return {
    moduleId,
    timestamp,
    digest: "SHA384",
    pcrs: parsePcrs2(field("pcrs"), what),
    certificate,
    cabundle: parseCabundle(field("cabundle"), what),
    ...optionalBytes(map, "public_key", "publicKey", what),
    ...optionalBytes(map, "user_data", "userData", what),
    ...optionalBytes(map, "nonce", "nonce", what)
  };
}
function parsePcrs2(value, what) {
  if (!(value instanceof Map) || value.size === 0) throw new FormatError(`${what}: pcrs must be a non-empty map`);
  const pcrs = /* @__PURE__ */ new Map();
  for (const [index, bytes] of value) {
    if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index > MAX_PCR_INDEX) {
      throw new FormatError(`${what}: pcrs key ${String(index)} is not a register index 0..${MAX_PCR_INDEX}`);
    }
    if (!(bytes instanceof Uint8Array) || bytes.length !== 48) {
      throw new FormatError(`${what}: PCR${index} must be a 48-byte string (SHA384)`);
    }
    pcrs.set(index, bytes);
  }
  for (const index of [0, 1, 2]) {
    if (!pcrs.has(index)) throw new FormatError(`${what}: PCR${index} is missing`);
  }
  return new Map([...pcrs].sort(([a], [b]) => a - b));
}
function parseCabundle(value, what) {
  if (!Array.isArray(value) || value.length === 0) throw new FormatError(`${what}: cabundle must be a non-empty array`);
  return value.map((cert, i) => {
    if (!isCertificateBytes(cert)) throw new FormatError(`${what}: cabundle[${i}] must be a byte string of 1 to ${MAX_CERTIFICATE_BYTES} bytes`);
    return cert;
  });
}
function isCertificateBytes(value) {
  return value instanceof Uint8Array && value.length > 0 && value.length <= MAX_CERTIFICATE_BYTES;
}
function optionalBytes(map, name, key, what) {
  const value = map.get(name);
  if (value === void 0 || value === null) return {};
  if (!(value instanceof Uint8Array) || value.length > MAX_OPTIONAL_BYTES) {
    throw new FormatError(`${what}: ${name} must be null or a byte string of at most ${MAX_OPTIONAL_BYTES} bytes`);
  }
  return { [key]: value };
}

// src/trust/attestation/nitro-root.ts
var AWS_NITRO_ROOT_G1_PEM = `-----BEGIN CERTIFICATE-----
MIICETCCAZagAwIBAgIRAPkxdWgbkK/hHUbMtOTn+FYwCgYIKoZIzj0EAwMwSTEL
MAkGA1UEBhMCVVMxDzANBgNVBAoMBkFtYXpvbjEMMAoGA1UECwwDQVdTMRswGQYD
VQQDDBJhd3Mubml0cm8tZW5jbGF2ZXMwHhcNMTkxMDI4MTMyODA1WhcNNDkxMDI4
MTQyODA1WjBJMQswCQYDVQQGEwJVUzEPMA0GA1UECgwGQW1hem9uMQwwCgYDVQQL
DANBV1MxGzAZBgNVBAMMEmF3cy5uaXRyby1lbmNsYXZlczB2MBAGByqGSM49AgEG
BSuBBAAiA2IABPwCVOumCMHzaHDimtqQvkY4MpJzbolL//Zy2YlES1BR5TSksfbb
48C8WBoyt7F2Bw7eEtaaP+ohG2bnUs990d0JX28TcPQXCEPZ3BABIeTPYwEoCWZE
h8l5YoQwTcU/9KNCMEAwDwYDVR0TAQH/BAUwAwEB/zAdBgNVHQ4EFgQUkCW1DdkF
R+eWw5b6cp3PmanfS5YwDgYDVR0PAQH/BAQDAgGGMAoGCCqGSM49BAMDA2kAMGYC
MQCjfy+Rocm9Xue4YnwWmNJVA44fA0P5W2OpYow9OYCVRaEevL8uO1XYru5xtMPW
rfMCMQCi85sWBbJwKKXdS6BptQFuZbT73o/gBh1qUxl/nNr12UO8Yfwr6wPLb+6N
IwLz3/Y=
-----END CERTIFICATE-----
`;

// src/trust/attestation/verify.ts
var MAX_DOCUMENT_BYTES = 64 * 1024;
function verifyAttestation(options) {
  const what = options.name ?? "attestation document";
  if (options.document.length > MAX_DOCUMENT_BYTES) {
    throw new FormatError(`${what}: ${options.document.length} bytes is more than an attestation document can be (${MAX_DOCUMENT_BYTES})`);
  }
  const cose = decodeCoseSign1(options.document, what);
  const doc = parseAttestationPayload(cose.payload, what);
  const at = options.at === "document-time" ? new Date(doc.timestamp) : options.at ?? /* @__PURE__ */ new Date();
  if (Number.isNaN(at.getTime())) throw new UserError("verification time is not a valid date", { code: "usage" });
  const hint = options.at === "document-time" ? "" : "; use --at-document-time to check it at the document's own time";
  const chain = naming(what, () => {
    const leaf = parseCertificate(doc.certificate, "attestation certificate");
    verifyCoseSign1(cose, publicKeyOf(leaf, "attestation certificate"), what);
    return verifyCertificateChain({
      leaf: doc.certificate,
      cabundle: doc.cabundle,
      rootPem: options.rootCertificatePem ?? AWS_NITRO_ROOT_G1_PEM,
      at,
      timeHint: hint
    });
  });
  refuseDebugMode(doc, what);
  const checked = options.expected ? comparePcrs2(doc, options.expected.pcrs, what) : [];
  if (options.nonce !== void 0) compareNonce(doc, options.nonce, what);
  return buildReport(doc, chain.path, checked, at);
}
function naming(what, check) {
  try {
    return check();
  } catch (error) {
    const message = errorMessage(error);
    const line = message.startsWith(`${what}: `) ? message : `${what}: ${message}`;
    if (error instanceof VerificationError) throw new VerificationError(line, { cause: error });
    if (error instanceof UserError) throw new FormatError(line, { cause: error });
    throw new FormatError(`${what}: a certificate cannot be used (${message})`, { cause: error });
  }
}
function publicKeyOf(cert, name) {
  try {
    return cert.publicKey;
  } catch (error) {
    throw new FormatError(`${name}: its public key cannot be read (${errorMessage(error)})`, { cause: error });
  }
}
function refuseDebugMode(doc, what) {
  const zero = [0, 1, 2].every((i) => doc.pcrs.get(i).every((b) => b === 0));
  if (zero) throw new VerificationError(`${what}: PCR0, PCR1 and PCR2 are all zero: a debug-mode enclave, refused`);
}
function comparePcrs2(doc, expected, what) {
  const names = ["PCR0", "PCR1", "PCR2", "PCR8"].filter((name) => expected[name] !== void 0);
  for (const name of names) {
    const want = expected[name].toLowerCase().replace(/^0x/, "");
    const got = doc.pcrs.get(Number(name.slice(3)));
    const gotHex = got === void 0 ? "(absent)" : toHex(got);
    if (gotHex !== want) throw new VerificationError(`${what}: ${name} differs: document has ${gotHex}, expected ${want}`);
  }
  return names;
}
function compareNonce(doc, nonce, what) {
  if (doc.nonce === void 0) throw new VerificationError(`${what}: has no nonce, expected ${toHex(nonce)}`);
  if (!equalBytes(doc.nonce, nonce)) {
    throw new VerificationError(`${what}: nonce differs: document has ${toHex(doc.nonce)}, expected ${toHex(nonce)}`);
  }
}
function buildReport(doc, path, checked, at) {
  const leaf = path[0];
  const root = path[path.length - 1];
  const pcrs = {};
  for (const [index, value] of doc.pcrs) pcrs[String(index)] = toHex(value);
  return {
    module_id: doc.moduleId,
    timestamp: new Date(doc.timestamp).toISOString(),
    digest: doc.digest,
    pcrs,
    os_image_hash: osImageHashOfRaw(doc.pcrs.get(0), doc.pcrs.get(1), doc.pcrs.get(2)),
    ...doc.publicKey ? { public_key: toHex(doc.publicKey) } : {},
    ...doc.userData ? { user_data: toHex(doc.userData) } : {},
    ...doc.nonce ? { nonce: toHex(doc.nonce) } : {},
    certificate: {
      subject: leaf.subject.replace(/\n/g, ", "),
      issuer: leaf.issuer.replace(/\n/g, ", "),
      serial_number: leaf.serialNumber.toLowerCase(),
      not_before: certificateTime(leaf.validFrom).toISOString(),
      not_after: certificateTime(leaf.validTo).toISOString()
    },
    chain: { ok: true, length: path.length, root_sha256: createHash2("sha256").update(root.raw).digest("hex") },
    pcrs_checked: checked,
    checked_at: at.toISOString()
  };
}

// src/trust/attestation/input.ts
var RAW_FIRST_BYTES = /* @__PURE__ */ new Set([132, 210]);
function attestationDocumentBytes(data) {
  if (data.length === 0 || RAW_FIRST_BYTES.has(data[0])) return data;
  const text = Buffer.from(data).toString("latin1").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return data;
  const decoded = new Uint8Array(Buffer.from(text, text.includes("-") || text.includes("_") ? "base64url" : "base64"));
  return decoded.length > 0 && RAW_FIRST_BYTES.has(decoded[0]) ? decoded : data;
}

// src/cli/commands/verify-attestation.ts
function register11(program2) {
  program2.addCommand(
    newCommand("verify-attestation").description("Verify a Nitro attestation document (COSE_Sign1, AWS root chain) and compare its PCRs with a build").requiredOption("--document <file>", "attestation document (raw COSE_Sign1 bytes, or that as base64)").option("--eif-path <file>", "expect the PCRs recomputed from this EIF").option("--measurements <file>", "expect the PCRs of this measurements JSON").option("--pcr0 <hex>", "expected PCR0 (with --pcr1 and --pcr2)").option("--pcr1 <hex>", "expected PCR1").option("--pcr2 <hex>", "expected PCR2").option("--at-document-time", "check certificate validity at the document's own timestamp").option("--at <iso-8601>", "check certificate validity at this time (default: now)").option("--nonce <hex>", "the nonce the document must carry").option("--root-certificate <pem>", "trust this root instead of the pinned AWS Nitro Enclaves root").action(async (options) => {
      const expected = await expectedPcrs(options);
      const report = verifyAttestation({
        document: attestationDocumentBytes(new Uint8Array(await readInput2(options.document, "--document", 2 * MAX_DOCUMENT_BYTES))),
        expected: { pcrs: expected },
        at: verificationTime(options),
        name: options.document,
        ...options.nonce === void 0 ? {} : { nonce: parseNonce(options.nonce) },
        ...options.rootCertificate === void 0 ? {} : { rootCertificatePem: (await readInput2(options.rootCertificate, "--root-certificate")).toString("utf8") }
      });
      process.stdout.write(`${JSON.stringify(report, null, 2)}
`);
    })
  );
}
async function expectedPcrs(options) {
  const pcrFlags = [options.pcr0, options.pcr1, options.pcr2];
  const sources = [options.eifPath !== void 0, options.measurements !== void 0, pcrFlags.some((v) => v !== void 0)];
  if (sources.filter(Boolean).length !== 1) {
    throw new UserError("give exactly one of --eif-path, --measurements or --pcr0/--pcr1/--pcr2", { code: "usage" });
  }
  if (options.eifPath !== void 0) {
    const { pcrs } = await inspectEif(options.eifPath, { fileDigests: false });
    return { PCR0: pcrs.PCR0, PCR1: pcrs.PCR1, PCR2: pcrs.PCR2, ...pcrs.PCR8 ? { PCR8: pcrs.PCR8 } : {} };
  }
  if (options.measurements !== void 0) return (await readMeasurements(options.measurements)).pcrs;
  if (pcrFlags.some((v) => v === void 0)) throw new UserError("--pcr0, --pcr1 and --pcr2 go together", { code: "usage" });
  const [pcr0, pcr1, pcr2] = pcrFlags.map((v, i) => hexArgument(v, 48, `--pcr${i}`));
  return { PCR0: pcr0, PCR1: pcr1, PCR2: pcr2 };
}
function verificationTime(options) {
  if (options.atDocumentTime && options.at !== void 0) throw new UserError("--at and --at-document-time exclude each other", { code: "usage" });
  if (options.atDocumentTime) return "document-time";
  if (options.at === void 0) return /* @__PURE__ */ new Date();
  const at = new Date(options.at);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(options.at) || Number.isNaN(at.getTime())) {
    throw new UserError(`--at: expected an ISO-8601 time such as 2025-12-25T13:00:00Z, got ${JSON.stringify(options.at)}`, { code: "usage" });
  }
  return at;
}
function parseNonce(text) {
  const hex = text.trim().replace(/^0x/i, "");
  if (hex.length === 0 || hex.length % 2 !== 0 || hex.length > 2048 || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw new UserError(`--nonce: expected an even number of hex digits (at most 1024 bytes), got ${JSON.stringify(text)}`, { code: "usage" });
  }
  return Uint8Array.from(Buffer.from(hex, "hex"));
}
async function readInput2(path, flag, maxBytes = 1 << 20) {
  return readRegularFile(path, { label: `${flag} ${path}`, maxBytes });
}

// src/cli/commands/ls.ts
import { stat } from "node:fs/promises";

// src/store/list.ts
var MAX_JSON = 4 << 20;
async function readJson(store, key) {
  try {
    const chunks = [];
    let size = 0;
    for await (const chunk of await store.get(key)) {
      size += chunk.byteLength;
      if (size > MAX_JSON) return void 0;
      chunks.push(chunk);
    }
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return void 0;
  }
}
var get = (value, ...path) => path.reduce((acc, key) => typeof acc === "object" && acc !== null ? acc[key] : void 0, value);
var firstString = (...values) => values.find((v) => typeof v === "string" && v !== "");
function fromProvenance(bundle) {
  const payload = get(bundle, "dsseEnvelope", "payload");
  if (typeof payload !== "string") return {};
  let statement;
  try {
    statement = JSON.parse(Buffer.from(payload, "base64").toString("utf8"));
  } catch {
    return {};
  }
  const params = get(statement, "predicate", "buildDefinition", "externalParameters");
  const meta = get(statement, "predicate", "runDetails", "metadata");
  return { commit: firstString(get(params, "commit")), date: firstString(get(meta, "finishedOn"), get(meta, "startedOn")) };
}
function fromMeasurements(json) {
  const epoch2 = get(json, "source_date_epoch");
  const date = typeof epoch2 === "number" && Number.isSafeInteger(epoch2) ? new Date(epoch2 * 1e3).toISOString() : void 0;
  return {
    commit: firstString(get(json, "source", "commit"), get(json, "commit"), get(json, "source_commit")),
    date: firstString(date, get(json, "build_time"), get(json, "buildTime"))
  };
}
async function describe2(store, hash, files) {
  const image = {
    osImageHash: `0x${hash}`,
    files: files.sort(),
    complete: files.includes(ARTIFACT_FILES.eif) && files.includes(ARTIFACT_FILES.measurements)
  };
  const sources = [
    files.includes(ARTIFACT_FILES.provenance) ? fromProvenance(await readJson(store, artifactKey(hash, "provenance"))) : {},
    files.includes(ARTIFACT_FILES.measurements) ? fromMeasurements(await readJson(store, artifactKey(hash, "measurements"))) : {}
  ];
  const commit = firstString(...sources.map((s) => s.commit));
  const date = firstString(...sources.map((s) => s.date));
  return { ...image, ...commit ? { commit } : {}, ...date ? { date } : {} };
}
async function listImages(store) {
  const byHash = /* @__PURE__ */ new Map();
  for await (const key of store.list("")) {
    const [hash, file, ...rest] = key.split("/");
    if (!hash || !file || rest.length || !isHashKey(hash)) continue;
    byHash.set(hash, [...byHash.get(hash) ?? [], file]);
  }
  const images = [];
  for (const [hash, files] of byHash) images.push(await describe2(store, hash, files));
  return images.sort((a, b) => (a.date ?? "").localeCompare(b.date ?? "") || a.osImageHash.localeCompare(b.osImageHash));
}

// src/cli/commands/store-flags.ts
function addStoreFlags(command, upload = false) {
  command.option("--store <uri>", "store: a directory, file:///dir or s3://bucket/prefix", DEFAULT_STORE).option("--s3-endpoint <url>", "S3-compatible endpoint (default: $AWS_ENDPOINT_URL_S3)").option("--s3-region <region>", "S3 region (default: the AWS configuration chain)").option("--s3-force-path-style", "address the bucket in the path (the default with a custom endpoint)");
  return upload ? command.option("--part-size <MiB>", "multipart upload part size in MiB (minimum 5)") : command;
}
async function storeFromFlags(flags) {
  const env = process.env;
  const endpoint = flags.s3Endpoint ?? (env["AWS_ENDPOINT_URL_S3"] || void 0);
  const region = flags.s3Region ?? (env["AWS_REGION"] || env["AWS_DEFAULT_REGION"] || (endpoint ? "us-east-1" : void 0));
  let partSize;
  if (flags.partSize !== void 0) {
    const mib2 = Number(flags.partSize);
    if (!Number.isInteger(mib2) || mib2 < 5 || mib2 > 5120) throw new UserError("--part-size: an integer number of MiB from 5 to 5120", { code: "usage" });
    partSize = mib2 * 1024 * 1024;
  }
  const forcePathStyle = flags.s3ForcePathStyle ?? (endpoint ? true : void 0);
  const { openStore } = await import("./cli-chunks/open-store-F4ZQW3NM.js");
  return openStore(flags.store, { endpoint, region, forcePathStyle, partSize });
}
var PROGRESS_MIN = 8 * 1024 * 1024;
function progressPrinter() {
  const shown = /* @__PURE__ */ new Map();
  return ({ key, loaded, total }) => {
    if (total < PROGRESS_MIN) return;
    const tenth = Math.floor(loaded / total * 10);
    if ((shown.get(key) ?? -1) >= tenth) return;
    shown.set(key, tenth);
    const mib2 = (n) => (n / 1048576).toFixed(1);
    process.stderr.write(`nitro-eif: uploading ${key}: ${mib2(loaded)}/${mib2(total)} MiB (${tenth * 10}%)
`);
  };
}

// src/cli/commands/ls.ts
function register12(program2) {
  program2.addCommand(
    addStoreFlags(
      newCommand("ls").description("List the OS_IMAGE_HASHes in a store with their source commit and build date").option("--json", "print JSON instead of a table")
    ).action(async (options) => {
      const store = await storeFromFlags(options);
      if (store instanceof LocalStore) await requireDirectory(store.root);
      const images = await listImages(store);
      if (options.json) {
        const rows2 = images.map(({ osImageHash: osImageHash2, files, complete, commit, date }) => ({ os_image_hash: osImageHash2, files, complete, commit, date }));
        process.stdout.write(`${JSON.stringify(rows2, null, 2)}
`);
        return;
      }
      const rows = images.map((i) => `${i.osImageHash}  ${(i.commit ?? "-").slice(0, 12).padEnd(12)}  ${i.date ?? "-"}${i.complete ? "" : "  (incomplete)"}`);
      process.stdout.write(["OS_IMAGE_HASH".padEnd(66) + "  COMMIT        DATE", ...rows].join("\n") + "\n");
    })
  );
}
async function requireDirectory(root) {
  const info = await stat(root).catch(() => void 0);
  if (!info?.isDirectory()) throw new UserError(`${root}: store directory not found`);
}

// src/cli/commands/pull.ts
async function trustFromFlags(options) {
  const byIdentity = options.certificateIdentity !== void 0 || options.certificateOidcIssuer !== void 0;
  if (options.key !== void 0 && byIdentity) throw new UserError("give either --key or --certificate-identity, not both", { code: "usage" });
  if (options.key !== void 0) return { publicKeyPem: await readRegularText(options.key, { label: `--key ${options.key}`, maxBytes: MAX_PEM_BYTES }) };
  if (!byIdentity) return void 0;
  if (!options.certificateIdentity || !options.certificateOidcIssuer) {
    throw new UserError("--certificate-identity and --certificate-oidc-issuer go together", { code: "usage" });
  }
  if (options.trustedRoot === void 0) {
    throw new UserError("keyless verification needs --trusted-root FILE (a Sigstore trusted_root.json; nothing is fetched)", { code: "usage" });
  }
  const trustedRoot = await readJsonFile(options.trustedRoot, { label: `--trusted-root ${options.trustedRoot}` });
  return { trustedRoot, certificateIdentity: options.certificateIdentity, certificateOidcIssuer: options.certificateOidcIssuer };
}
function register13(program2) {
  program2.addCommand(
    addStoreFlags(
      newCommand("pull").description("Download an EIF by OS_IMAGE_HASH, recompute its PCRs and hash, check the stored measurements (and provenance), and only then write --output-file").argument("<os-image-hash>", "OS_IMAGE_HASH, 64 hex digits, 0x optional").requiredOption("--output-file <file>", "where the verified EIF goes").option("--key <pem>", "verify the stored provenance with this public key").option("--certificate-identity <uri>", "verify the stored provenance was signed by this identity (keyless)").option("--certificate-oidc-issuer <url>", "OIDC issuer of that identity").option("--trusted-root <file>", "Sigstore trusted_root.json for keyless provenance")
    ).action(async (hash, options) => {
      hexArgument(hash, 32, "<os-image-hash>");
      await checkOutputPath(options.outputFile, "--output-file");
      const trust = await trustFromFlags(options);
      const { pullArtifact } = await import("./cli-chunks/pull-GDPM2QEQ.js");
      const result = await pullArtifact({ store: await storeFromFlags(options), osImageHash: hash, outputFile: options.outputFile, ...trust ? { trust } : {} });
      process.stdout.write(`${JSON.stringify({ ...result.report, eif_uri: result.eifUri }, null, 2)}
`);
    })
  );
}

// src/store/handoff.ts
var Handoff = class {
  #queue = [];
  #wake;
  #ended = false;
  #failure;
  #cancelled;
  /** The producer's side: resolves once the consumer is done with `bytes`; throws once cancelled. */
  give = (bytes) => {
    if (this.#cancelled) throw this.#cancelled.error;
    return new Promise((taken) => {
      this.#queue.push({ bytes, taken });
      this.#notify();
    });
  };
  /** No more bytes: the stream ends, or fails with `error`. */
  end(error) {
    this.#ended = true;
    if (error !== void 0) this.#failure ??= { error };
    this.#notify();
  }
  /** The consumer gave up: the producer's waits end and its next give() throws `error`. */
  cancel(error) {
    this.#cancelled ??= { error };
    for (const item of this.#queue.splice(0)) item.taken();
  }
  /** Whether `error` is the one the producer got because the consumer gave up (not a failure of its own). */
  isCancellation(error) {
    return this.#cancelled !== void 0 && this.#cancelled.error === error;
  }
  /** The consumer's side, read once: each chunk is valid until the next is asked for. */
  async *stream() {
    let current;
    try {
      for (; ; ) {
        while (this.#queue.length === 0 && !this.#ended) await new Promise((wake) => this.#wake = wake);
        if (this.#failure) throw this.#failure.error;
        current = this.#queue.shift();
        if (!current) break;
        yield current.bytes;
        current.taken();
        current = void 0;
      }
    } finally {
      current?.taken();
      if (!this.#ended) this.cancel(new Error("the store stopped reading"));
    }
  }
  #notify() {
    const wake = this.#wake;
    this.#wake = void 0;
    wake?.();
  }
};

// src/store/push.ts
async function readRecord(path) {
  const json = await readJsonFile(path);
  const record = { pcrs: parsePcrs(json, path).pcrs };
  const sha256 = json.eif?.sha256;
  if (typeof sha256 === "string" && /^[0-9a-fA-F]{64}$/.test(sha256)) record.eifSha256 = sha256.toLowerCase();
  return { json, record };
}
function checkMeasurements(json, path, pcrs, eifSha256) {
  const what = `measurements file ${path}`;
  comparePcrs(parsePcrs(json, path).pcrs, pcrs, what);
  const record = json;
  if (typeof record.eif?.sha256 === "string" && record.eif.sha256.toLowerCase() !== eifSha256) {
    throw new VerificationError(`${what}: eif.sha256 is ${record.eif.sha256}, the EIF's is ${eifSha256}`);
  }
}
function checkedHash(eif, path) {
  if (!eif.crc.ok) throw new VerificationError(`${path}: CRC mismatch (stored ${eif.crc.stored}, computed ${eif.crc.computed})`);
  return normalizeOsImageHash(osImageHash(eif.pcrs));
}
async function pushArtifacts(options) {
  const { json, record } = await readRecord(options.measurementsPath);
  const claimed = normalizeOsImageHash(osImageHash(record.pcrs));
  const onePass = record.eifSha256 !== void 0 && !await isStored(options.store, artifactKey(claimed, "eif"));
  const { eif, objects } = onePass ? await pushInOnePass(options, json, record.eifSha256, claimed) : await pushCheckedFirst(options, json);
  const hash = normalizeOsImageHash(osImageHash(eif.pcrs));
  return {
    osImageHash: `0x${hash}`,
    pcrs: eif.pcrs,
    storeUri: `${options.store.uri}/${hash}`,
    eifUri: options.store.uriOf(artifactKey(hash, "eif")),
    objects,
    created: objects.some((o) => o.created)
  };
}
async function isStored(store, key) {
  return store.head(key).then((info) => info !== void 0, () => false);
}
var SMALL_OBJECTS = [
  ["measurements", "measurementsPath", "application/json"],
  ["manifest", "manifestPath", "application/json"],
  ["provenance", "provenancePath", "application/vnd.dev.sigstore.bundle.v0.3+json"]
];
var EIF_TYPE = "application/octet-stream";
async function putSmallObjects(options, hash) {
  const objects = [];
  for (const [kind, option, contentType] of SMALL_OBJECTS) {
    const path = options[option];
    if (path === void 0) continue;
    objects.push({ ...await options.store.put(artifactKey(hash, kind), { path }, { contentType, onProgress: options.onProgress }), kind });
  }
  return objects;
}
async function pushCheckedFirst(options, json) {
  const eif = await inspectEif(options.eifPath);
  const hash = checkedHash(eif, options.eifPath);
  checkMeasurements(json, options.measurementsPath, eif.pcrs, eif.sha256);
  const objects = await putSmallObjects(options, hash);
  const put = await options.store.put(artifactKey(hash, "eif"), { path: options.eifPath }, { contentType: EIF_TYPE, onProgress: options.onProgress });
  return { eif, objects: [...objects, { ...put, kind: "eif" }] };
}
async function pushInOnePass(options, json, sha256, claimed) {
  const { handle, size } = await openRegularFile(options.eifPath);
  const handoff = new Handoff();
  let inspected;
  const inspection = inspectEifFrom(handle, size, options.eifPath, { fileDigests: ["sha256"], tee: handoff.give }).then(
    (eif) => {
      handoff.end();
      return eif;
    },
    (error) => {
      handoff.end(error);
      throw error;
    }
  );
  inspection.catch(() => void 0);
  let small = [];
  try {
    const put = await options.store.put(artifactKey(claimed, "eif"), { size, stream: () => handoff.stream() }, {
      contentType: EIF_TYPE,
      onProgress: options.onProgress,
      checked: {
        sha256,
        beforeCommit: async () => {
          inspected = await inspection;
          const hash = checkedHash(inspected, options.eifPath);
          checkMeasurements(json, options.measurementsPath, inspected.pcrs, inspected.sha256);
          small = await putSmallObjects(options, hash);
        }
      }
    });
    return { eif: inspected ?? await inspection, objects: [...small, { ...put, kind: "eif" }] };
  } catch (error) {
    handoff.cancel(error);
    const refusal = await inspection.then(() => void 0, (e) => e);
    throw refusal !== void 0 && !handoff.isCancellation(refusal) ? refusal : error;
  } finally {
    await inspection.catch(() => void 0);
    await handle.close();
  }
}

// src/cli/commands/push.ts
function register14(program2) {
  program2.addCommand(
    addStoreFlags(
      newCommand("push").description("Store an EIF with its measurements (and manifest, provenance) under its OS_IMAGE_HASH; write-once").requiredOption("--eif-path <file>", "the EIF; its OS_IMAGE_HASH is computed from its own PCRs").requiredOption("--measurements <file>", "measurements JSON; must match the EIF").option("--manifest <file>", "build manifest JSON").option("--provenance <file>", "provenance Sigstore bundle"),
      true
    ).action(async (options) => {
      const result = await pushArtifacts({
        store: await storeFromFlags(options),
        eifPath: options.eifPath,
        measurementsPath: options.measurements,
        manifestPath: options.manifest,
        provenancePath: options.provenance,
        onProgress: progressPrinter()
      });
      const objects = result.objects.map(({ kind, uri, sha256, size, created }) => ({ kind, uri, sha256, size, created }));
      process.stdout.write(`${JSON.stringify({ os_image_hash: result.osImageHash, store_uri: result.storeUri, eif_uri: result.eifUri, created: result.created, objects }, null, 2)}
`);
    })
  );
}

// src/cli/commands/register.ts
async function hashAndPcrs(options) {
  if (options.osImageHash !== void 0) hexArgument(options.osImageHash, 32, "--os-image-hash");
  if (options.measurements !== void 0) {
    const { pcrs } = await readMeasurements(options.measurements);
    return { hash: options.osImageHash ?? osImageHash(pcrs), pcrs };
  }
  if (options.osImageHash === void 0) throw new UserError("give --os-image-hash or --measurements", { code: "usage" });
  if (options.store === void 0) return { hash: options.osImageHash };
  const store = await storeFromFlags({ store: options.store });
  const key = artifactKey(options.osImageHash, "measurements");
  const chunks = [];
  for await (const chunk of await store.get(key)) chunks.push(chunk);
  let json;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch (error) {
    throw new UserError(`${store.uriOf(key)}: not valid JSON`, { code: "format", cause: error });
  }
  return { hash: options.osImageHash, pcrs: parsePcrs(json, store.uriOf(key)).pcrs };
}
function createdAt() {
  const epoch2 = process.env["SOURCE_DATE_EPOCH"];
  if (!epoch2) return void 0;
  if (!/^\d+$/.test(epoch2)) throw new UserError(`SOURCE_DATE_EPOCH: expected whole seconds, got ${JSON.stringify(epoch2)}`, { code: "usage" });
  return Number(epoch2) * 1e3;
}
function defaultGitUrl(repository) {
  const server = process.env["GITHUB_SERVER_URL"];
  return server ? `${server.replace(/\/+$/, "")}/${repository.trim()}.git` : void 0;
}
async function toRegisterOptions(options) {
  if (options.mode !== "auth-simple" && options.mode !== "onchain") throw new UserError(`--mode: auth-simple or onchain, got ${JSON.stringify(options.mode)}`, { code: "usage" });
  const { hash, pcrs } = await hashAndPcrs(options);
  const chainId = options.chainId === void 0 ? void 0 : Number(options.chainId);
  return {
    mode: options.mode,
    osImageHash: hash,
    pcrs,
    registryRepository: options.registryRepository,
    registryPath: options.registryPath,
    registryBase: options.registryBase,
    appId: options.appId,
    kmsContract: options.kmsContract,
    appContract: options.appContract,
    chainId,
    safeAddress: options.safeAddress,
    createdAt: createdAt(),
    token: options.registryToken ?? (process.env["GITHUB_TOKEN"] || void 0),
    gitUrl: options.gitUrl ?? defaultGitUrl(options.registryRepository),
    apiUrl: options.apiUrl ?? (process.env["GITHUB_API_URL"] || void 0),
    dryRun: options.dryRun,
    dryRunOutput: options.dryRunOutput,
    evidence: {
      storeUri: options.store,
      sourceRepository: options.sourceRepository,
      sourceCommit: options.sourceCommit,
      provenanceUrl: options.provenanceUrl,
      buildUrl: options.buildUrl,
      eifUri: options.eifUri,
      certificateIdentity: options.certificateIdentity,
      certificateOidcIssuer: options.certificateOidcIssuer
    },
    // The registry's verify action needs the store and the source to reproduce the image.
    ...options.store && options.sourceRepository && /^[0-9a-f]{40}$/.test(options.sourceCommit ?? "") ? { buildFacts: {
      store: options.store,
      source: { repository: options.sourceRepository, commit: options.sourceCommit },
      ...options.eifUri ? { eif_uri: options.eifUri } : {},
      ...options.buildUrl ? { build_url: options.buildUrl } : {}
    } } : {}
  };
}
function print(result, dryRun) {
  for (const warning of result.warnings) process.stderr.write(`nitro-eif: warning: ${warning}
`);
  if (result.alreadyRegistered) process.stderr.write(`nitro-eif: ${result.osImageHash} is already registered in ${result.file}; no pull request
`);
  if (dryRun && result.body) {
    process.stderr.write(`nitro-eif: dry run: wrote ${result.dryRunFile}; pull request body follows
`);
    process.stdout.write(result.body);
    return;
  }
  const out = {
    os_image_hash: result.osImageHash,
    operation: result.operation,
    already_registered: result.alreadyRegistered,
    pull_request_number: result.pullRequestNumber ?? null,
    pull_request_url: result.pullRequestUrl ?? null,
    branch: result.branch,
    file: result.file
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}
`);
}
function register15(program2) {
  program2.addCommand(
    newCommand("register").description("Open (or update) a pull request on the KMS registry allowing one OS_IMAGE_HASH: an auth-simple auth-config.json edit, or a Safe Transaction Builder batch for the on-chain contracts").requiredOption("--mode <mode>", "auth-simple | onchain").option("--os-image-hash <hash>", "the OS_IMAGE_HASH (64 hex, 0x optional)").option("--measurements <file>", "measurements JSON: the hash is computed from its PCRs, which the PR shows").requiredOption("--registry-repository <owner/repo>", "the registry repository").requiredOption("--registry-path <path>", "auth-simple: the auth-config.json path; onchain: the folder for batch files").option("--registry-base <branch>", "base branch of the pull request", "main").option("--app-id <hex>", "dstack app id (20 bytes); auth-simple adds the hash to its composeHashes").option("--kms-contract <address>", "onchain: DstackKms address (addOsImageHash)").option("--app-contract <address>", "onchain: DstackApp address (addComposeHash)").option("--chain-id <n>", "onchain: chain id of the contracts").option("--safe-address <address>", "onchain: the owner Safe (recorded in the batch meta)").option("--registry-token <token>", "GitHub token (default: $GITHUB_TOKEN; prefer the variable, flags show in ps)").option("--git-url <url>", "clone URL (default: $GITHUB_SERVER_URL or https://github.com, /<owner>/<repo>.git)").option("--api-url <url>", "GitHub API URL (default: $GITHUB_API_URL or https://api.github.com)").option("--dry-run", "write the changed file locally and print the PR body; push nothing").option("--dry-run-output <file>", "where --dry-run writes the file (default: its name in the current folder)").option("--store <uri>", "store holding the image: its PCRs are read from it (without --measurements) and the reviewer pulls from it").option("--source-repository <url>", "source repository URL (links the commit)").option("--source-commit <sha>", "source commit of the build").option("--provenance-url <url>", "link to the build provenance").option("--build-url <url>", "link to the CI run").option("--eif-uri <uri>", "where the EIF is stored").option("--certificate-identity <uri>", "signer identity the reviewer checks the provenance against").option("--certificate-oidc-issuer <url>", "OIDC issuer of that identity").action(async (options) => {
      if (options.dryRunOutput !== void 0) await checkOutputPath(options.dryRunOutput, "--dry-run-output");
      const { register: registerImage } = await import("./cli-chunks/register-VR75LAC2.js");
      print(await registerImage(await toRegisterOptions(options)), options.dryRun === true);
    })
  );
}

// src/cli/commands/reproduce.ts
import { tmpdir as tmpdir2 } from "node:os";
import { resolve } from "node:path";
function register16(program2) {
  program2.addCommand(
    newCommand("reproduce").description("Verify a provenance bundle, rebuild the EIF from the recorded commit with the recorded parameters, and compare (stdout: JSON verdict; exit 0 reproduced, 1 not reproduced or refused, 2 usage)").argument("[os-image-hash]", "with --store: the image to compare with (default: the provenance's OS_IMAGE_HASH)").requiredOption("--provenance <file>", "provenance Sigstore bundle (provenance.sigstore.json)").option("--key <pem>", "public key the provenance was signed with").option("--certificate-identity <uri>", "exact signer identity of a keyless bundle (workflow URI)").option("--certificate-oidc-issuer <url>", "exact OIDC issuer of a keyless bundle").option("--trusted-root <file>", "Sigstore trusted_root.json for keyless bundles (not fetched)").requiredOption("--source <dir-or-url>", "a clone of the source repository (its HEAD does not matter) or a git URL").option("--eif-path <file>", "the EIF to compare the rebuild with").option("--manifest <file>", "the file manifest of --eif-path (names the paths that differ)").option("--store <uri>", "pull the EIF (and its manifest) to compare with from this store, by hash").option("--s3-endpoint <url>", "S3-compatible endpoint (default: $AWS_ENDPOINT_URL_S3)").option("--s3-region <region>", "S3 region").option("--blobs-dir <dir>", "blobs of the recorded set (checked by SHA-384; default: /usr/share/nitro_enclaves/blobs)").option("--blobs <set>", "a public blob set instead, e.g. aws-nitro-enclaves-cli@v1.5.0 (user cache, verified on every use)").option("--blobs-base-url <url>", "with --blobs: mirror holding blobs/<arch>/<file>").option("--blobs-timeout <seconds>", "with --blobs: give up on a server silent this long (default: 60)").option("--dstack-util <file>", "dstack-util binary (checked against the recorded SHA-256; default: the recorded https URL)").option("--image-export <path>", "how the rebuilt image reaches the EIF builder: auto (default), rootfs-stream (docker driver) or oci-layout; the EIF is the same either way").option("--work-dir <dir>", "keep the checkout and the rebuild here (default: a temporary directory, removed)").option("--report-file <file>", "also write the JSON verdict here").action(async (hash, options) => {
      if (options.eifPath && options.store) throw new UserError("give either --eif-path or --store, not both", { code: "usage" });
      if (hash !== void 0 && !options.store) throw new UserError("an OS_IMAGE_HASH argument needs --store", { code: "usage" });
      if (hash !== void 0) hexArgument(hash, 32, "<os-image-hash>");
      if (options.manifest && !options.eifPath) throw new UserError("--manifest goes with --eif-path", { code: "usage" });
      const imageExport = options.imageExport ?? "auto";
      if (imageExport !== "auto" && imageExport !== "rootfs-stream" && imageExport !== "oci-layout") {
        throw new UserError(`--image-export: expected auto, rootfs-stream or oci-layout, got ${JSON.stringify(imageExport)}`, { code: "usage" });
      }
      if (options.reportFile) await checkOutputPath(options.reportFile, "--report-file");
      const blobSource = blobSourceFromFlags(options, "reproduce");
      const blobs = blobSource.blobSet ? { dirFor: blobSource.blobSet.dirFor } : { dir: blobSource.blobsDir };
      const trust = await bundleTrust2(options);
      requireBlobSource(blobSource, options);
      const bundle = await readJson2(options.provenance, "--provenance");
      const store = options.store ? { store: await storeFromFlags({ store: options.store, s3Endpoint: options.s3Endpoint, s3Region: options.s3Region }), osImageHash: hash } : void 0;
      const workDir = options.workDir ? resolve(options.workDir) : await makeTempDir(tmpdir2(), "nitro-eif-reproduce-");
      try {
        const { reproduce } = await import("./cli-chunks/reproduce-BS22QCPY.js");
        const report = await reproduce({
          bundle,
          bundleName: options.provenance,
          trust,
          source: options.source,
          blobs,
          workDir,
          env: process.env,
          imageExport,
          ...options.eifPath ? { eif: { path: options.eifPath, ...options.manifest ? { manifestPath: options.manifest } : {} } } : {},
          ...store ? { store } : {},
          ...options.dstackUtil ? { dstackUtil: options.dstackUtil } : {},
          onOutput: (text) => process.stderr.write(text)
        });
        const json = `${JSON.stringify(report, null, 2)}
`;
        if (options.reportFile) await writeFileAtomic(options.reportFile, json);
        process.stdout.write(json);
        process.stderr.write(summary(report));
        if (!report.reproduced) {
          const d = report.differences;
          throw new VerificationError(`not reproduced: ${d?.registers.length ? `${d.registers.join(", ")} differ` : "the EIF bytes differ"}${d?.paths.length ? `; files: ${d.paths.slice(0, 5).join(", ")}${d.paths.length > 5 ? ", \u2026" : ""}` : ""}`);
        }
      } finally {
        if (!options.workDir) await removeTempDir(workDir);
      }
    })
  );
}
function summary(report) {
  const lines = [report.reproduced ? `reproduced: commit ${report.source.commit} rebuilds OS_IMAGE_HASH ${report.os_image_hash} (PCR0-2 and EIF bytes match)` : `NOT reproduced from commit ${report.source.commit}: rebuild ${report.os_image_hash}, recorded ${report.recorded.os_image_hash}`];
  if (report.differences?.registers.length) lines.push(`  registers that differ: ${report.differences.registers.join(", ")}`);
  for (const reason of report.reasons) lines.push(`  ${reason}`);
  return `${lines.join("\n")}
`;
}
async function bundleTrust2(options) {
  const byKey = options.key !== void 0;
  const byIdentity = options.certificateIdentity !== void 0 || options.certificateOidcIssuer !== void 0;
  if (byKey === byIdentity) throw new UserError("give either --key or --certificate-identity with --certificate-oidc-issuer", { code: "usage" });
  if (byKey) return { publicKeyPem: await readText3(options.key, "--key") };
  if (!options.certificateIdentity || !options.certificateOidcIssuer) throw new UserError("--certificate-identity and --certificate-oidc-issuer go together", { code: "usage" });
  if (!options.trustedRoot) throw new UserError("keyless verification needs --trusted-root FILE (a Sigstore trusted_root.json; nothing is fetched)", { code: "usage" });
  return { trustedRoot: await readJson2(options.trustedRoot, "--trusted-root"), certificateIdentity: options.certificateIdentity, certificateOidcIssuer: options.certificateOidcIssuer };
}
async function readText3(path, flag) {
  return readRegularText(path, { maxBytes: MAX_PEM_BYTES, label: `${flag} ${path}` });
}
async function readJson2(path, flag) {
  return readJsonFile(path, { label: `${flag} ${path}` });
}

// src/cli/program.ts
function buildProgram() {
  const program2 = new Command("nitro-eif").description("Reproducible AWS Nitro Enclave images (EIF): build, measure, sign, verify, store and register").version(BUILDER_VERSION).exitOverride().configureOutput(OUTPUT);
  register3(program2);
  register(program2);
  register4(program2);
  register8(program2);
  register7(program2);
  register2(program2);
  register9(program2);
  register10(program2);
  register11(program2);
  register14(program2);
  register13(program2);
  register12(program2);
  register15(program2);
  register6(program2);
  register5(program2);
  register16(program2);
  return program2;
}
var USAGE_HINT = "(run with --help for usage)";
var OUTPUT = {
  outputError: (text, write) => write(`nitro-eif: ${text.trim().split(/\s*\n\s*/).join(" ")} ${USAGE_HINT}
`)
};
function keepOldFlag(command, oldFlags, current, currentFlags, required = false) {
  const old = new Option(oldFlags).hideHelp();
  command.addOption(old);
  return command.hook("preAction", (cmd) => {
    const value = cmd.getOptionValue(old.attributeName());
    if (value !== void 0) {
      if (cmd.getOptionValueSource(current) === "cli") cmd.error(`error: ${old.long} is the old name of ${currentFlags.split(" ")[0]}: give only one`);
      cmd.setOptionValueWithSource(current, value, "cli");
    }
    if (required && cmd.getOptionValue(current) === void 0) cmd.error(`error: required option '${currentFlags}' not specified`);
  });
}
function newCommand(name) {
  return new Command(name).exitOverride().configureOutput(OUTPUT);
}
function hexArgument(value, bytes, what) {
  try {
    return toHex(parseHex(value, bytes, what));
  } catch (error) {
    throw new UserError(errorMessage(error), { code: "usage", cause: error });
  }
}

// src/cli/main.ts
async function main(argv) {
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
  const program2 = buildProgram();
  try {
    await program2.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`nitro-eif: error: ${errorLine(error)}
`);
    if (process.env["NITRO_EIF_DEBUG"] && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}
`);
    }
    if (error instanceof UserError) return error.code === "usage" ? 2 : 1;
    return 1;
  }
}

// src/cli/index.ts
keepYoungGenerationSmall();
cleanUpOnSignals((signal) => process.stderr.write(`nitro-eif: interrupted (${signal}); temporary files removed
`));
process.exitCode = await main(process.argv.slice(2));
